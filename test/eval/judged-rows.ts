import type { JudgedCommit } from "../../eval/judged-commit.js";

/** A judged commit for the figures' tests: only what a test names differs from an ordinary small change. */
export function judgedRow(sha: string, over: Partial<JudgedCommit> = {}): JudgedCommit {
  return {
    sha,
    date: "2025-01-01T00:00:00Z",
    subject: `change ${sha}`,
    fixedBy: [],
    revertedBy: [],
    verdict: "pass",
    reasons: [],
    risk: 0,
    signals: {},
    lines: 1,
    facts: {
      filesChanged: 1,
      linesAdded: 1,
      linesDeleted: 0,
      lockfileLines: 0,
      testFilesChanged: 0,
      directories: 1,
      modules: 1,
    },
    seconds: 1,
    ...over,
  };
}

/** Two fix-inducing commits (one also reverted) and three others, the figures worked out by hand in each test. */
export const FIVE_ROWS: readonly JudgedCommit[] = [
  judgedRow("a", { fixedBy: ["f1"], risk: 50, lines: 100, verdict: "conductor", signals: { size: 20, untested: 15 } }),
  judgedRow("b", {
    fixedBy: ["f2"],
    revertedBy: ["r1"],
    risk: 90,
    lines: 10,
    verdict: "block",
    signals: { secrets: 80 },
  }),
  judgedRow("c", { risk: 0, lines: 5 }),
  judgedRow("d", { risk: 45, lines: 300, verdict: "conductor", signals: { size: 24 } }),
  judgedRow("e", { risk: 10, lines: 1, verdict: "conductor", signals: { untested: 10 } }),
];
