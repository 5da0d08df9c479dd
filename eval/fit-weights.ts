import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SIGNALS } from "../src/checks/signals/index.js";
import { areaUnderCurve } from "./area-under-curve.js";
import { fitNonNegativeLogistic, linearScores } from "./fit-logistic.js";
import { isBad, type JudgedCommit } from "./judged-commit.js";

/**
 * `node dist/eval/fit-weights.js --rows DIR/commits.json [--review-at 40] [--noise 0.10]`: fits
 * each signal's points on a training run of `npm run eval:risk`. Features are the signals'
 * strengths (points at the default weight, over that weight); the label is "bad" (a later fix
 * repaired it, or it was reverted). The fitted log-odds are scaled to points so that at most
 * `--noise` of the other commits reach `review_at`, and the points printed are what to write in
 * each signal's file.
 */
const { values } = parseArgs({
  options: {
    rows: { type: "string" },
    "review-at": { type: "string", default: "40" },
    noise: { type: "string", default: "0.10" },
  },
});
if (!values.rows) throw new Error("--rows DIR/commits.json is required");
const { judged } = JSON.parse(readFileSync(values.rows, "utf8")) as { judged: JudgedCommit[] };
const reviewAt = Number(values["review-at"]);
const noiseTarget = Number(values.noise);

/**
 * Signals whose points are policy, not prediction: a verified secret blocks, a protected path or a
 * changed score needs a conductor, whatever history says of them. They keep their points, and
 * count in every commit's total; the others are fitted.
 */
const POLICY = new Set([
  "secrets",
  "protected",
  "score-changed",
  "api-removed",
  "binary",
  "ci-infra",
  "security-sensitive",
  "agent-instructions",
]);
const fitted = SIGNALS.filter((s) => !POLICY.has(s.id));
const strength = (row: JudgedCommit, id: string, points: number) => Math.min(1, (row.signals[id] ?? 0) / points);
const x = judged.map((row) => fitted.map((s) => strength(row, s.id, s.points)));
const policyPoints = judged.map((row) =>
  SIGNALS.filter((s) => POLICY.has(s.id)).reduce((sum, s) => sum + (row.signals[s.id] ?? 0), 0),
);
const y = judged.map(isBad);
const fit = fitNonNegativeLogistic(x, y, { l2: 0.002, iterations: 20000, step: 2 });
const linear = linearScores(fit, x);

/** The points each fitted signal would give at scale `k`, and each commit's total under them. */
const pointsAt = (k: number) => fit.weights.map((w) => Math.min(100, Math.round(w * k)));
const totals = (points: readonly number[]) =>
  x.map((row, i) =>
    Math.min(
      100,
      row.reduce((sum, v, j) => sum + Math.round((points[j] ?? 0) * v), policyPoints[i] ?? 0),
    ),
  );
const share = (values: readonly boolean[]) => values.filter(Boolean).length / Math.max(1, values.length);

let best = { k: 0, points: pointsAt(0), noise: 0, recall: 0 };
for (let k = 1; k <= 200; k += 0.5) {
  const points = pointsAt(k);
  const t = totals(points);
  const noise = share(t.filter((_, i) => !y[i]).map((v) => v >= reviewAt));
  const recall = share(t.filter((_, i) => y[i]).map((v) => v >= reviewAt));
  if (noise <= noiseTarget && recall >= best.recall) best = { k, points, noise, recall };
}
const final = totals(best.points);
const auc = (scores: readonly number[]) => {
  const result = areaUnderCurve(
    scores.filter((_, i) => y[i]),
    scores.filter((_, i) => !y[i]),
  );
  return result.ok ? result.auc : undefined;
};
const lines = judged.map((r) => r.lines);

console.log(`rows ${judged.length}, bad ${y.filter(Boolean).length}; scale ${best.k}`);
console.log(
  `AUC (bad): fitted log-odds ${fmt(auc(linear))}, fitted points ${fmt(auc(final))}, lines ${fmt(auc(lines))}`,
);
console.log(
  `at review_at ${reviewAt}: noise ${(best.noise * 100).toFixed(1)} %, recall ${(best.recall * 100).toFixed(1)} %`,
);
console.log("signal            weight   points (was); policy signals keep theirs");
fitted.forEach((s, j) =>
  console.log(
    `${s.id.padEnd(18)}${(fit.weights[j] ?? 0).toFixed(3).padStart(7)}   ${String(best.points[j]).padStart(4)} (${s.points})`,
  ),
);

function fmt(v: number | undefined): string {
  return v === undefined ? "n/a" : v.toFixed(3);
}
