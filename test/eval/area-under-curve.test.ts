import { areaUnderCurve } from "../../eval/area-under-curve.js";
import { bootstrapAuc, quantile } from "../../eval/bootstrap-auc.js";
import { rocCurve } from "../../eval/roc-curve.js";

describe("areaUnderCurve", () => {
  it.each([
    ["bad all above other", [3, 2], [1, 0], 1],
    ["bad all below other", [0], [1, 2], 0],
    // Pairs: 2>1, 2>0, 1=1 (half), 1>0 → 3.5 of 4.
    ["a tie counts half", [2, 1], [1, 0], 0.875],
    ["one tied pair", [1], [1], 0.5],
    ["all scores equal", [5, 5, 5], [5, 5], 0.5],
    // Pairs: 4>{3,1,1}=3, 2>{1,1}=2, 1 vs {1,1}=1 (two halves), 1 vs 3 = 0 → 6 of 9.
    ["ties among many", [4, 2, 1], [3, 1, 1], 6 / 9],
  ])("%s", (_name, bad, other, expected) => {
    expect(areaUnderCurve(bad, other)).toEqual({ ok: true, auc: expected });
  });

  it("says so when there is no bad commit, or no other commit", () => {
    expect(areaUnderCurve([], [1, 2])).toEqual({ ok: false, reason: "no bad commits to rank" });
    expect(areaUnderCurve([1], [])).toEqual({ ok: false, reason: "no other commits to rank against" });
  });
});

describe("bootstrapAuc", () => {
  const bad = [9, 7, 6, 4, 3, 3];
  const other = [8, 5, 3, 2, 2, 1, 1, 0];

  it("brackets the AUC with a 95 % interval", () => {
    const result = bootstrapAuc(bad, other, { seed: 7 });
    if (!result.ok) throw new Error(result.reason);
    // By hand: 39 of the 48 pairs rank the bad commit higher (the two 3s against the one 3 count half each).
    expect(result.auc).toBeCloseTo(39 / 48, 10);
    expect(result.low).toBeLessThan(result.auc);
    expect(result.high).toBeGreaterThan(result.auc);
    expect(result.high).toBeLessThanOrEqual(1);
    expect(result.low).toBeGreaterThan(0.4);
  });

  it("gives the same interval for the same seed, and another for another seed", () => {
    expect(bootstrapAuc(bad, other, { seed: 3 })).toEqual(bootstrapAuc(bad, other, { seed: 3 }));
    const intervals = [1, 2, 3, 4, 5, 6].map((seed) =>
      JSON.stringify(bootstrapAuc(bad, other, { seed, resamples: 40 })),
    );
    expect(new Set(intervals).size).toBeGreaterThan(1);
  });

  it("has no width when no resample can change the AUC", () => {
    expect(bootstrapAuc([5, 5], [5, 5, 5])).toEqual({ ok: true, auc: 0.5, low: 0.5, high: 0.5 });
    expect(bootstrapAuc([3, 4], [1, 2])).toEqual({ ok: true, auc: 1, low: 1, high: 1 });
  });

  it("says so when one class is empty", () => {
    expect(bootstrapAuc([], [1])).toEqual({ ok: false, reason: "no bad commits to rank" });
  });

  it("takes quantiles between ranks", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 10);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe("rocCurve", () => {
  it("steps through each distinct score from the highest down", () => {
    expect(rocCurve([3, 1], [2, 0]).map((p) => [p.falsePositiveRate, p.truePositiveRate])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
  });

  it("draws a tie as one diagonal step", () => {
    expect(rocCurve([1, 1], [1]).map((p) => [p.falsePositiveRate, p.truePositiveRate])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it("encloses the same area as the AUC, ties included", () => {
    const bad = [4, 2, 1];
    const other = [3, 1, 1];
    const points = rocCurve(bad, other);
    let area = 0;
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]] as const;
      if (!a || !b) continue;
      area += ((b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate)) / 2;
    }
    expect(area).toBeCloseTo(6 / 9, 10);
  });

  it("is empty when a class is", () => {
    expect(rocCurve([], [1, 2])).toEqual([]);
  });
});
