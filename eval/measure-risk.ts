import { bootstrapAuc, type AucInterval } from "./bootstrap-auc.js";
import { isBad, isFixInducing, isReverted, type JudgedCommit } from "./judged-commit.js";
import { rocCurve, type RocPoint } from "./roc-curve.js";

export interface Share {
  readonly count: number;
  readonly of: number;
}

export interface LabelFigures {
  readonly label: "fix-inducing" | "reverted";
  readonly bad: number;
  readonly other: number;
  readonly risk: AucInterval;
  readonly lines: AucInterval;
  /** Lines changed with lockfiles left out: the baseline a fair size signal would give. */
  readonly linesWithoutLockfiles: AucInterval;
  /** Bad commits whose risk score reaches `review_at`, and `block_at`. */
  readonly recallAtReview: Share;
  readonly recallAtBlock: Share;
  readonly roc: { readonly risk: RocPoint[]; readonly lines: RocPoint[] };
}

export interface SignalFigures {
  readonly id: string;
  readonly fires: { readonly fixInducing: Share; readonly reverted: Share; readonly bad: Share; readonly other: Share };
  /** Mean points per commit of the group, zeros included: what the signal adds to its average score. */
  readonly meanPoints: { readonly bad: number; readonly other: number };
}

export interface Figures {
  readonly judged: number;
  readonly labels: readonly LabelFigures[];
  /** Other commits whose verdict is not pass: how often a conductor is asked for nothing. */
  readonly noise: Share;
  readonly noiseBlocked: Share;
  /** Other commits whose risk score alone reaches `review_at`: the noise the risk model owns. */
  readonly riskNoise: Share;
  readonly signals: readonly SignalFigures[];
}

export interface MeasureOptions {
  readonly reviewAt: number;
  readonly blockAt: number;
  /** The registry's signals, in its order; a signal seen in the rows but not listed is added after. */
  readonly signalIds: readonly string[];
  readonly resamples?: number;
  readonly seed?: number | string;
}

/**
 * The figures of the evaluation: for each label, the AUC of the risk score and of the lines-changed
 * baseline against the other commits (neither label), the recall at the thresholds; the noise on
 * the other commits; and each signal's firing rate, bad against other.
 */
export function measureRisk(rows: readonly JudgedCommit[], options: MeasureOptions): Figures {
  const other = rows.filter((r) => !isBad(r));
  const bad = rows.filter(isBad);
  const share = (list: readonly JudgedCommit[], test: (r: JudgedCommit) => boolean): Share => ({
    count: list.filter(test).length,
    of: list.length,
  });
  const labels = (
    [
      ["fix-inducing", rows.filter(isFixInducing)],
      ["reverted", rows.filter(isReverted)],
    ] as const
  ).map(([label, positives]): LabelFigures => {
    const by = (value: (r: JudgedCommit) => number): AucInterval =>
      positives.length === 0
        ? { ok: false, reason: `no ${label} commit among those judged` }
        : bootstrapAuc(positives.map(value), other.map(value), options);
    return {
      label,
      bad: positives.length,
      other: other.length,
      risk: by((r) => r.risk),
      lines: by((r) => r.lines),
      linesWithoutLockfiles: by((r) => r.facts.linesAdded + r.facts.linesDeleted),
      recallAtReview: share(positives, (r) => r.risk >= options.reviewAt),
      recallAtBlock: share(positives, (r) => r.risk >= options.blockAt),
      roc: {
        risk: rocCurve(
          positives.map((r) => r.risk),
          other.map((r) => r.risk),
        ),
        lines: rocCurve(
          positives.map((r) => r.lines),
          other.map((r) => r.lines),
        ),
      },
    };
  });
  const ids = [...options.signalIds, ...new Set(rows.flatMap((r) => Object.keys(r.signals)))].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const mean = (list: readonly JudgedCommit[], id: string) =>
    list.length === 0 ? 0 : list.reduce((sum, r) => sum + (r.signals[id] ?? 0), 0) / list.length;
  const signals = ids.map((id): SignalFigures => {
    const fires = (r: JudgedCommit) => (r.signals[id] ?? 0) > 0;
    return {
      id,
      fires: {
        fixInducing: share(rows.filter(isFixInducing), fires),
        reverted: share(rows.filter(isReverted), fires),
        bad: share(bad, fires),
        other: share(other, fires),
      },
      meanPoints: { bad: mean(bad, id), other: mean(other, id) },
    };
  });
  return {
    judged: rows.length,
    labels,
    noise: share(other, (r) => r.verdict !== "pass"),
    noiseBlocked: share(other, (r) => r.verdict === "block"),
    riskNoise: share(other, (r) => r.risk >= options.reviewAt),
    signals,
  };
}
