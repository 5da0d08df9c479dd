import { featureMatrix } from "../../eval/feature-matrix.js";
import { measureRisk } from "../../eval/measure-risk.js";
import { FIVE_ROWS, judgedRow } from "./judged-rows.js";

const options = { reviewAt: 40, blockAt: 80, signalIds: ["size", "untested", "secrets"], seed: 1 };

describe("measureRisk", () => {
  const figures = measureRisk(FIVE_ROWS, options);
  const [fix, reverted] = figures.labels;

  it("ranks each label against the other commits, for the risk score and for lines changed", () => {
    // Fix-inducing a (50) and b (90) against c (0), d (45), e (10): every pair ranked right.
    expect(fix?.risk).toMatchObject({ ok: true, auc: 1 });
    // Lines: a (100) beats c and e, not d (300); b (10) beats c (5) and e (1), not d → 4 of 6.
    expect(fix?.lines).toMatchObject({ ok: true, auc: 4 / 6 });
    expect(reverted?.risk).toMatchObject({ ok: true, auc: 1 });
    expect(reverted?.lines).toMatchObject({ ok: true, auc: 2 / 3 });
    expect([fix?.bad, fix?.other, reverted?.bad, reverted?.other]).toEqual([2, 3, 1, 3]);
  });

  it("ranks a label against the commits with neither label, not against those with the other one", () => {
    const withRevert = measureRisk(
      [...FIVE_ROWS, judgedRow("g", { revertedBy: ["r2"], risk: 95, lines: 1000 })],
      options,
    );
    expect(withRevert.labels[0]?.risk).toMatchObject({ ok: true, auc: 1 });
    expect(withRevert.labels[0]?.other).toBe(3);
  });

  it("gives recall at review_at and block_at", () => {
    expect(fix?.recallAtReview).toEqual({ count: 2, of: 2 });
    expect(fix?.recallAtBlock).toEqual({ count: 1, of: 2 });
    expect(reverted?.recallAtBlock).toEqual({ count: 1, of: 1 });
  });

  it("counts as noise the other commits that do not pass, and apart the ones risk alone sends to review", () => {
    expect(figures.noise).toEqual({ count: 2, of: 3 });
    expect(figures.noiseBlocked).toEqual({ count: 0, of: 3 });
    expect(figures.riskNoise).toEqual({ count: 1, of: 3 });
  });

  it("gives each signal's firing rate and mean points, bad against other", () => {
    expect(figures.signals.find((s) => s.id === "size")).toEqual({
      id: "size",
      fires: {
        fixInducing: { count: 1, of: 2 },
        reverted: { count: 0, of: 1 },
        bad: { count: 1, of: 2 },
        other: { count: 1, of: 3 },
      },
      meanPoints: { bad: 10, other: 8 },
    });
    expect(figures.signals.map((s) => s.id)).toEqual(["size", "untested", "secrets"]);
  });

  it("says so when no commit has a label, rather than giving a number", () => {
    const noReverts = measureRisk(
      FIVE_ROWS.filter((r) => r.revertedBy.length === 0),
      options,
    );
    expect(noReverts.labels[1]?.risk).toEqual({ ok: false, reason: "no reverted commit among those judged" });
    expect(noReverts.labels[1]?.roc.risk).toEqual([]);
  });

  it("adds a signal the rows carry that the registry list lacks", () => {
    const more = measureRisk([...FIVE_ROWS, judgedRow("f", { signals: { "file-history": 5 } })], options);
    expect(more.signals.map((s) => s.id)).toEqual(["size", "untested", "secrets", "file-history"]);
  });
});

describe("featureMatrix", () => {
  it("gives each signal's points per commit, zero where it did not fire, with both labels", () => {
    expect(featureMatrix(FIVE_ROWS, ["size", "untested", "secrets"])).toEqual({
      columns: ["size", "untested", "secrets"],
      x: [
        [20, 15, 0],
        [0, 0, 80],
        [0, 0, 0],
        [24, 0, 0],
        [0, 10, 0],
      ],
      shas: ["a", "b", "c", "d", "e"],
      fixInducing: [true, true, false, false, false],
      reverted: [false, true, false, false, false],
    });
  });
});
