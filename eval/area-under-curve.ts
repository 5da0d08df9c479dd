/** An AUC, or why there is none. */
export type Auc = { readonly ok: true; readonly auc: number } | { readonly ok: false; readonly reason: string };

/**
 * The area under the ROC curve as the Mann–Whitney statistic: the chance that a bad commit scores
 * above an other one, ties counted half. Ranks with ties averaged make it O(n log n).
 */
export function areaUnderCurve(bad: readonly number[], other: readonly number[]): Auc {
  if (bad.length === 0) return { ok: false, reason: "no bad commits to rank" };
  if (other.length === 0) return { ok: false, reason: "no other commits to rank against" };
  const all = [...bad.map((score) => ({ score, bad: true })), ...other.map((score) => ({ score, bad: false }))].sort(
    (a, b) => a.score - b.score,
  );
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]?.score === all[i]?.score) j++;
    // Ranks i+1 … j share their mean.
    const mean = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]?.bad) rankSum += mean;
    i = j;
  }
  const u = rankSum - (bad.length * (bad.length + 1)) / 2;
  return { ok: true, auc: u / (bad.length * other.length) };
}
