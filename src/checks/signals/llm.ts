import { places, plural } from "../evidence-text.js";
import type { ReadingFinding } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/**
 * Each verified finding's share of the second reader's cap, by severity: with the default `llm.max_points` of 30, a
 * low finding is 5 points, a medium one 10 and a high one 20, so one high finding alone stays below `review_at` (40)
 * and the model can tip a change only where the rules already see some risk.
 */
export const SEVERITY_SHARE: Readonly<Record<ReadingFinding["severity"], number>> = {
  low: 1 / 6,
  medium: 1 / 3,
  high: 2 / 3,
};

/** The most important first: the detail line and the annotations' order. */
const RANK: Readonly<Record<ReadingFinding["severity"], number>> = { high: 0, medium: 1, low: 2 };

/** The second reader's findings that Maestro verified against the change: points only ever added. */
export const llm = defineSignal({
  id: "llm",
  // Not fitted: full points are the score's `llm.max_points` (30 by default), which `risk.weights.llm` overrides.
  points: 30,
  explanation: {
    title: "Second reader",
    meaning:
      "A model read the diff (with `llm.enabled`) and reported risks the rules cannot see, each verified by Maestro: its file is in the change, its line is an added or removed line, and its quote is on that line. A low finding is ⅙ of `llm.max_points`, a medium one ⅓, a high one ⅔; together they never pass the cap. The reader can only add points: it never removes a signal, lowers the score or passes a PR.",
    fix: "Read each finding at its line: fix what it found, or have a conductor sign off.",
  },
  evaluate({ reading }) {
    if (!reading || reading.findings.length === 0) return undefined;
    const findings = [...reading.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const evidence: Evidence[] = findings.map((f) => ({
      file: f.file,
      line: f.line,
      what: `${f.severity} ${f.kind}`,
    }));
    const strength = Math.min(
      1,
      findings.reduce((sum, f) => sum + SEVERITY_SHARE[f.severity], 0),
    );
    return {
      strength,
      detail: `${plural(findings.length, "verified finding")} of the second reader: ${places(evidence)}`,
      evidence,
    };
  },
});
