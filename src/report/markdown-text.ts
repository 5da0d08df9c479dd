/**
 * Text from the change (file names, import specifiers, messages that quote them) and from comments
 * is shown in Markdown that Maestro posts as itself. It must read as text: never a tag that folds
 * or hides what follows, never a way out of its code span or table cell.
 */

/** A table cell (or list item) of plain text: one line, no bare pipe, no HTML tag. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A code span that holds any text: fenced by one more backtick than the longest run inside it
 * (CommonMark), one line, pipes escaped for tables (GitHub reads `\|` in a code span in a table).
 */
export function codeSpan(text: string): string {
  const line = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}
