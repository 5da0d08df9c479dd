/** `n` findings worth `each` of the full points, capped at full strength. */
export function countStrength(n: number, each: number): number {
  return Math.min(1, n * each);
}
