import type { Logger } from "probot";
import { AGENTS_MD, COPILOT_INSTRUCTIONS, findSection, refreshCommand, scoreHash } from "../feedforward/index.js";
import type { Change } from "../gather/change.js";
import type { Score } from "../score/score-schema.js";
import { brokenInstructionsBanner, staleInstructionsBanner } from "./review-banners.js";

/** The agent instructions files whose Maestro section the app compares with the score: where agents look by default. */
const INSTRUCTION_FILES = [AGENTS_MD, COPILOT_INSTRUCTIONS] as const;

/**
 * Banners for the base commit's agent instructions that no longer say what its score says: a section whose marker
 * names another score's hash, or whose markers are broken. Agents read those files before they write a line, so a
 * stale one teaches them rules Maestro no longer judges by. Advice about the repository, never part of the verdict: a
 * file that cannot be read is logged and left out.
 */
export async function instructionsDrift(change: Change, score: Score, log: Logger): Promise<string[]> {
  const read = await change.read("base", INSTRUCTION_FILES).catch((error: unknown) => {
    log.warn({ err: error }, "could not read the base's agent instructions: their drift is not noted");
    return new Map();
  });
  const hash = scoreHash(score);
  return INSTRUCTION_FILES.flatMap((file) => {
    const content = read.get(file);
    if (content?.kind !== "text") return [];
    const found = findSection(content.text);
    if (found.kind === "broken") return [brokenInstructionsBanner(file, found.problem, refreshCommand(file))];
    if (found.kind === "found" && found.hash !== hash)
      return [staleInstructionsBanner(file, found.hash, hash, refreshCommand(file))];
    return [];
  });
}
