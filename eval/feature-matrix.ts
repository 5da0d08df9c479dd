import { isFixInducing, isReverted, type JudgedCommit } from "./judged-commit.js";

export interface FeatureMatrix {
  /** Column names: one per signal, in the order given. */
  readonly columns: readonly string[];
  /** Row i is commit `shas[i]`: each signal's points (0 when it did not fire). */
  readonly x: readonly (readonly number[])[];
  readonly shas: readonly string[];
  readonly fixInducing: readonly boolean[];
  readonly reverted: readonly boolean[];
}

/**
 * Each signal's points per judged commit, with both labels: what a logistic regression of the
 * labels on the signals is fitted from. Raw facts for new features are on the rows themselves.
 */
export function featureMatrix(rows: readonly JudgedCommit[], signalIds: readonly string[]): FeatureMatrix {
  return {
    columns: signalIds,
    x: rows.map((r) => signalIds.map((id) => r.signals[id] ?? 0)),
    shas: rows.map((r) => r.sha),
    fixInducing: rows.map(isFixInducing),
    reverted: rows.map(isReverted),
  };
}
