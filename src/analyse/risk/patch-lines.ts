/** A line a patch adds (with its line number at head) or removes (with its line number at base). */
export interface PatchLine {
  readonly line: number;
  readonly text: string;
}

export interface PatchLines {
  readonly added: readonly PatchLine[];
  readonly removed: readonly PatchLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Splits GitHub-style hunks into added and removed lines; tolerant of `\ No newline at end of file`. */
export function patchLines(patch: string | undefined): PatchLines {
  const added: PatchLine[] = [];
  const removed: PatchLine[] = [];
  if (!patch) return { added, removed };
  let oldLine = 0;
  let newLine = 0;
  for (const raw of patch.split("\n")) {
    const header = HUNK.exec(raw);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.startsWith("+")) added.push({ line: newLine++, text: text.slice(1) });
    else if (text.startsWith("-")) removed.push({ line: oldLine++, text: text.slice(1) });
    else if (text.startsWith("\\")) continue;
    else {
      oldLine++;
      newLine++;
    }
  }
  return { added, removed };
}
