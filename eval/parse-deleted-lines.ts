/** The lines a commit deletes or changes in one file, by their number in the parent's version. */
export interface DeletedLines {
  /** The path in the parent (before a rename). */
  readonly path: string;
  readonly lines: readonly { readonly number: number; readonly text: string }[];
}

/**
 * Reads `git diff -U0` output: for each file, the old-side line numbers of its `-` lines. A changed
 * line is a `-` line followed by a `+` line, so "deleted or changed" is every `-` line.
 */
export function parseDeletedLines(diff: string): DeletedLines[] {
  const files: { path: string; lines: { number: number; text: string }[] }[] = [];
  let current: { path: string; lines: { number: number; text: string }[] } | undefined;
  let oldLine = 0;
  let inHunk = false;
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = undefined;
      inHunk = false;
    } else if (!inHunk && line.startsWith("--- ")) {
      const path = line.slice(4);
      current = path === "/dev/null" ? undefined : { path: path.replace(/^a\//, ""), lines: [] };
      if (current) files.push(current);
    } else if (line.startsWith("@@ ")) {
      const match = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
      oldLine = Number(match?.[1] ?? 0);
      inHunk = true;
    } else if (inHunk && line.startsWith("-") && current) {
      current.lines.push({ number: oldLine, text: line.slice(1) });
      oldLine++;
    }
  }
  return files.filter((f) => f.lines.length > 0);
}
