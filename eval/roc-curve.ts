export interface RocPoint {
  /** Share of other commits at or above the threshold. */
  readonly falsePositiveRate: number;
  /** Share of bad commits at or above the threshold. */
  readonly truePositiveRate: number;
}

/**
 * The ROC curve, one point per distinct score from the highest down, from (0, 0) to (1, 1). Tied
 * scores move both rates at once, so a tie draws a diagonal, whose area counts it half as the AUC
 * does. Empty when either class is.
 */
export function rocCurve(bad: readonly number[], other: readonly number[]): RocPoint[] {
  if (bad.length === 0 || other.length === 0) return [];
  const thresholds = [...new Set([...bad, ...other])].sort((a, b) => b - a);
  const points: RocPoint[] = [{ falsePositiveRate: 0, truePositiveRate: 0 }];
  for (const t of thresholds)
    points.push({
      falsePositiveRate: other.filter((s) => s >= t).length / other.length,
      truePositiveRate: bad.filter((s) => s >= t).length / bad.length,
    });
  return points;
}
