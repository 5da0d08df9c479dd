import { areaUnderCurve, type Auc } from "./area-under-curve.js";
import { seededRandom } from "./seeded-random.js";

export type AucInterval =
  | { readonly ok: true; readonly auc: number; readonly low: number; readonly high: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The AUC with a 95 % percentile bootstrap interval. Each resample draws the bad and the other
 * commits separately, with replacement, so every resample keeps both classes at their sizes.
 */
export function bootstrapAuc(
  bad: readonly number[],
  other: readonly number[],
  options: { readonly resamples?: number; readonly seed?: number | string } = {},
): AucInterval {
  const point: Auc = areaUnderCurve(bad, other);
  if (!point.ok) return point;
  const random = seededRandom(options.seed ?? 1);
  const resample = (xs: readonly number[]) => xs.map(() => xs[Math.floor(random() * xs.length)] as number);
  const aucs: number[] = [];
  for (let i = 0; i < (options.resamples ?? 1000); i++) {
    const auc = areaUnderCurve(resample(bad), resample(other));
    if (auc.ok) aucs.push(auc.auc);
  }
  aucs.sort((a, b) => a - b);
  return { ok: true, auc: point.auc, low: quantile(aucs, 0.025), high: quantile(aucs, 0.975) };
}

/** Linear interpolation between the closest ranks (type 7, R's and NumPy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (at - below);
}
