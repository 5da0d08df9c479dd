import type { Evidence } from "./signal-definition.js";

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Evidence listed in a detail line: the first few places, then how many more. */
export function places(evidence: readonly Evidence[], limit = 3): string {
  const shown = evidence
    .slice(0, limit)
    .map((e) => `${e.file ?? ""}${e.line ? `:${e.line}` : ""}${e.what ? ` (${e.what})` : ""}`);
  const more = evidence.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}
