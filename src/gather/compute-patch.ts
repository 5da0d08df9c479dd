import { structuredPatch } from "diff";

/** A file's diff as the core reads it: GitHub-style hunks (from the first `@@`) and their counts. */
export interface ComputedPatch {
  readonly patch: string;
  readonly additions: number;
  readonly deletions: number;
}

/**
 * Past this many edits, or this long, a minimal diff is not worth its cost (Myers' diff is O(N·D),
 * and a rewritten 20,000-line file takes most of a minute, with the event loop blocked): the file
 * is given as one hunk, every old line removed and every new line added. Exact about content, so no
 * added secret or suppression is missed; only less precise about which lines stayed.
 */
const MAX_EDIT_LENGTH = 2_000;
const MAX_DIFF_MS = 200;

/** The hunks between two texts, with three lines of context as `git diff` and GitHub give them. */
export function computePatch(before: string, after: string): ComputedPatch | undefined {
  if (before === after) return undefined;
  const diff = structuredPatch("a", "b", before, after, undefined, undefined, {
    context: 3,
    maxEditLength: MAX_EDIT_LENGTH,
    timeout: MAX_DIFF_MS,
  });
  if (!diff) return wholeFilePatch(before, after);
  let additions = 0;
  let deletions = 0;
  const text: string[] = [];
  for (const hunk of diff.hunks) {
    text.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith("+")) additions++;
      else if (line.startsWith("-")) deletions++;
      text.push(line);
    }
  }
  return text.length === 0 ? undefined : { patch: text.join("\n"), additions, deletions };
}

/** One hunk for the whole file: what a diff too large to minimise, or a whole-file fixture, gives. */
export function wholeFilePatch(before: string, after: string): ComputedPatch | undefined {
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  if (oldLines.length === 0 && newLines.length === 0) return undefined;
  const header = `@@ -${oldLines.length ? 1 : 0},${oldLines.length} +${newLines.length ? 1 : 0},${newLines.length} @@`;
  return {
    patch: [header, ...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)].join("\n"),
    additions: newLines.length,
    deletions: oldLines.length,
  };
}

function linesOf(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}
