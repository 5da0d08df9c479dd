import type { PatchLines } from "../../checks/risk-facts.js";
import { numberedPatch } from "./numbered-patch.js";

/** A GitHub-style patch's added and removed lines, for the risk signals; `\ No newline at end of file` left out. */
export function patchLines(patch: string | undefined): PatchLines {
  const lines = numberedPatch(patch);
  return {
    added: lines.filter((l) => l.kind === "added").map((l) => ({ line: l.line, text: l.text })),
    removed: lines
      .filter((l) => l.kind === "removed")
      .map((l) => ({ line: l.baseLine ?? l.line, text: l.text, headLine: l.headLine })),
  };
}
