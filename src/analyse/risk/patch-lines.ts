import type { PatchLine, PatchLines, RemovedLine } from "../../checks/risk-facts.js";

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Splits GitHub-style hunks into added and removed lines; tolerant of `\ No newline at end of file`. */
export function patchLines(patch: string | undefined): PatchLines {
  const added: PatchLine[] = [];
  const removed: RemovedLine[] = [];
  if (!patch) return { added, removed };
  let oldLine = 0;
  let newLine = 0;
  let newEnd = 0; // the hunk's last head line
  for (const raw of patch.split("\n")) {
    const header = HUNK.exec(raw);
    if (header) {
      const count = Number(header[3] ?? 1);
      oldLine = Number(header[1]);
      // An empty new side names the head line before it (`+5,0`: after line 5), per unified diff.
      newLine = Number(header[2]) + (count === 0 ? 1 : 0);
      newEnd = newLine + count - 1;
      continue;
    }
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.startsWith("+")) added.push({ line: newLine++, text: text.slice(1) });
    else if (text.startsWith("-"))
      removed.push({ line: oldLine++, text: text.slice(1), headLine: headLineAt(newLine, newEnd) });
    else if (text.startsWith("\\")) continue;
    else {
      oldLine++;
      newLine++;
    }
  }
  return { added, removed };
}

/**
 * The head line a removal sits before, if the hunk still has one; else the one before it (a
 * removal at the end of the file). A base line number would point at whatever the head now has there.
 */
function headLineAt(next: number, hunkEnd: number): number | undefined {
  if (next <= hunkEnd) return next;
  return next - 1 >= 1 ? next - 1 : undefined;
}
