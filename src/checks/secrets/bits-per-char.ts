import { shannonBits } from "../../shared/shannon-bits.js";

/** Shannon entropy in bits per character: random keys score high, words and repeated characters low. */
export function bitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return shannonBits(counts.values(), value.length);
}
