import { measureRisk } from "../../eval/measure-risk.js";
import { renderReport, type ReportContext } from "../../eval/render-report.js";
import { rocCurve } from "../../eval/roc-curve.js";
import { rocSvg } from "../../eval/roc-svg.js";
import { FIVE_ROWS } from "./judged-rows.js";

const context: ReportContext = {
  command: "npm run eval:risk -- --repo /tmp/x --seed 1",
  repo: "/tmp/x",
  window: { since: "2025-01-01", until: "2025-02-01", commits: 40 },
  startCommit: { sha: "0123456789abcdef", subject: "start here" },
  maestroCommit: "abc1234567",
  maestroUncommitted: [],
  seed: "1",
  thresholds: { reviewAt: 40, blockAt: 80 },
  modules: 3,
  sample: { labelledInWindow: { fixInducing: 2, reverted: 0, any: 2 }, labelled: 2, othersInWindow: 38, others: 3 },
  labelling: { fixes: 7, blamedLines: 31, blameFailures: [], unresolvedReverts: 0 },
  failed: [
    {
      sha: "deadbeef00",
      date: "",
      subject: "huge merge",
      fixedBy: [],
      revertedBy: [],
      error: "timed out after 300000 ms",
    },
  ],
  seconds: 120,
};

describe("renderReport", () => {
  const noReverts = FIVE_ROWS.filter((r) => r.revertedBy.length === 0);
  const report = renderReport(
    measureRisk(noReverts, { reviewAt: 40, blockAt: 80, signalIds: ["size"], seed: 1 }),
    context,
  );

  it("gives each AUC with its interval, and says why a label has none", () => {
    expect(report).toMatch(
      /\| AUC, risk score \| 1\.00 \(1\.00–1\.00\) \| none: no reverted commit among those judged \|/,
    );
    expect(report).toMatch(/\| recall at review_at \(40\) \| 100 % \(1\/1\) \| – \(0\/0\) \|/);
  });

  it("gives the noise, the command and the Maestro commit it measured", () => {
    expect(report).toContain("**Noise**: 67 % (2/3) of other commits");
    expect(report).toContain("npm run eval:risk -- --repo /tmp/x --seed 1");
    expect(report).toContain("Maestro abc1234567;");
  });

  it("names every commit that could not be judged", () => {
    expect(report).toContain("Judged: 4; failed: 1.");
    expect(report).toContain('- deadbeef00 "huge merge": timed out after 300000 ms');
  });
});

describe("rocSvg", () => {
  it("draws each curve from (0, 0) to (1, 1), and the diagonal", () => {
    const svg = rocSvg("ROC", [{ label: "risk score", points: rocCurve([2], [1]), color: "red" }]);
    // (0,0) is the bottom-left corner of the 360-pixel plot inside its 48-pixel margin; (1,1) the top-right.
    expect(svg).toContain(
      '<polyline fill="none" stroke="red" stroke-width="2" points="48.0,408.0 48.0,48.0 408.0,48.0"/>',
    );
    expect(svg).toContain('<line x1="48.0" y1="408.0" x2="408.0" y2="48.0"');
    expect(svg).toContain(">risk score</text>");
  });

  it("says there is no curve when a class is empty", () => {
    expect(rocSvg("ROC", [{ label: "risk", points: [], color: "red" }])).toContain("no curve: one class is empty");
  });
});
