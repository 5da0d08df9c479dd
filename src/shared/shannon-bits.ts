/**
 * Shannon entropy, in bits, of a distribution given as counts: 0 when one count holds everything,
 * log2(n) when n counts are equal. `total` defaults to the counts' sum.
 */
export function shannonBits(counts: Iterable<number>, total?: number): number {
  const values = [...counts].filter((n) => n > 0);
  const sum = total ?? values.reduce((s, n) => s + n, 0);
  return values.reduce((bits, n) => bits - (n / sum) * Math.log2(n / sum), 0);
}
