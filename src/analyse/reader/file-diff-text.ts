import type { ChangedFile } from "../../gather/change.js";
import type { NumberedLine } from "../risk/index.js";
import { shownPath } from "./shown-path.js";

const MARK: Readonly<Record<Exclude<NumberedLine["kind"], "hunk">, string>> = {
  added: "+",
  removed: "-",
  context: " ",
};

/**
 * One file of the diff as the instructions describe it: `### FILE <path> (<status>)`, then each hunk's header and its
 * lines as `+ 12 | text`, `- 12 | text` or `  12 | text`, numbered by the head line a finding cites.
 */
export function fileDiffText(file: ChangedFile, lines: readonly NumberedLine[]): string {
  const status =
    file.status === "renamed" && file.previousPath !== undefined
      ? `renamed from ${shownPath(file.previousPath)}`
      : file.status;
  const body = lines.map((l) => (l.kind === "hunk" ? l.text : `${MARK[l.kind]} ${l.line} | ${l.text}`));
  return [`### FILE ${shownPath(file.path)} (${status})`, ...body].join("\n");
}
