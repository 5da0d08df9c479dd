/**
 * Characters that change what text looks like without being seen: bidirectional controls (the "Trojan Source"
 * attack, CVE-2021-42574), zero-width characters, the word joiner and invisible operators, and Unicode tag
 * characters (which can spell out instructions no reviewer sees).
 */
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

/** Every hidden character's offset in `text`. */
export function hiddenUnicodeAt(text: string): number[] {
  return [...text.matchAll(HIDDEN)].map((m) => m.index);
}

/** `text` without its hidden characters: what a reader is shown, so that it sees what the code says. */
export function stripHiddenUnicode(text: string): string {
  return text.replace(HIDDEN, "");
}
