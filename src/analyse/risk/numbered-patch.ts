/**
 * One line of a patch, numbered: the one parse of a patch that risk's signals (patchLines) and the second reader (which
 * shows every line) share. Every line carries the head line a finding about it cites: an added or unchanged line its
 * own, a removed line the head line where the removal sits, or, when the head has no line there (a deleted file), its
 * line at base.
 */
export interface NumberedLine {
  readonly kind: "added" | "removed" | "context" | "hunk";
  /** The line to cite; 0 for a hunk's header. */
  readonly line: number;
  /** The removed line's number at base, for a finding that cites that instead. */
  readonly baseLine?: number;
  /** The head line where a removal sits; undefined for a removal the head has no line for. */
  readonly headLine?: number;
  readonly text: string;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** A GitHub-style patch (from its first `@@`) as numbered lines, `\ No newline at end of file` left out. */
export function numberedPatch(patch: string | undefined): NumberedLine[] {
  const lines: NumberedLine[] = [];
  if (!patch) return lines;
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
      lines.push({ kind: "hunk", line: 0, text: raw });
      continue;
    }
    if (lines.length === 0) continue; // before the first hunk: no line of the file
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.startsWith("+")) lines.push({ kind: "added", line: newLine++, text: text.slice(1) });
    else if (text.startsWith("-")) {
      const baseLine = oldLine++;
      const headLine = headLineAt(newLine, newEnd);
      lines.push({
        kind: "removed",
        line: headLine ?? baseLine,
        baseLine,
        ...(headLine === undefined ? {} : { headLine }),
        text: text.slice(1),
      });
    } else if (text.startsWith("\\")) continue;
    // A patch's final newline leaves an empty string after the last hunk, which is no line of the file.
    else if (text === "" && newLine > newEnd) continue;
    else {
      lines.push({ kind: "context", line: newLine++, text: text.startsWith(" ") ? text.slice(1) : text });
      oldLine++;
    }
  }
  return lines;
}

/**
 * The head line a removal sits before, if the hunk still has one; else the one before it (a removal at the end of the
 * file). A base line number would point at whatever the head now has there.
 */
function headLineAt(next: number, hunkEnd: number): number | undefined {
  if (next <= hunkEnd) return next;
  return next - 1 >= 1 ? next - 1 : undefined;
}
