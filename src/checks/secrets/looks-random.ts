import { bitsPerChar } from "./bits-per-char.js";

/** Words that people type into fake keys and documentation; a random key holds one by chance about never. */
const PLACEHOLDER =
  /example|sample|dummy|placeholder|changeme|change_me|redacted|your|fake|mock|test|x{4}|\*{3}|\.{3}/i;

/**
 * Whether a key's random part looks random rather than typed: no placeholder word, no run of one character
 * (`00000`), no sequence (`abcde`, `54321`), and at least `minBits` bits of entropy per character.
 */
export function looksRandom(value: string, minBits = 3): boolean {
  if (PLACEHOLDER.test(value) || /(.)\1{4}/.test(value) || hasSequence(value, 5)) return false;
  return bitsPerChar(value) >= minBits;
}

/** `length` characters in a row that step by one, up or down: `abcde`, `12345`, `EDCBA`. */
function hasSequence(value: string, length: number): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= length || down >= length) return true;
  }
  return false;
}
