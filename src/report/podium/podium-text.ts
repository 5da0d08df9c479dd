import { codeSpan } from "../markdown-text.js";

/**
 * Logins, part and module names on the podium come from PRs and scores anyone may open: shown as code, they are
 * literal text (no link, no emphasis, no HTML, no @mention that notifies anyone), one line, safe in a table cell.
 */
export function nameText(text: string): string {
  return codeSpan(text);
}

/**
 * A Mermaid label keeps letters, digits, spaces and `_ . / -` as they are and writes every other character as
 * Mermaid's entity code (`#64;` for `@`): no quote, bracket, backtick or newline ends the label or the code block,
 * and no `@` mentions anyone.
 */
export function mermaidText(text: string): string {
  return [...text.replace(/\s+/g, " ")]
    .map((ch) => (/^[A-Za-z0-9 _./-]$/.test(ch) ? ch : `#${ch.codePointAt(0) ?? 32};`))
    .join("");
}

/** A time as a conductor reads it: `2026-11-20 09:14 UTC`. */
export function utcMinute(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** How long ago, roughly: `3 d`, `5 h`, `12 min`. */
export function ago(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes >= 24 * 60) return `${Math.floor(minutes / (24 * 60))} d`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h`;
  return `${minutes} min`;
}
