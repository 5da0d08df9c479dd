import { countStrength } from "../count-strength.js";
import { isHandWritten } from "../file-kinds.js";
import { places, plural } from "../evidence-text.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** A file this small at base is new enough that rewriting it says little. */
const MIN_BASE_LINES = 20;
const MIN_ADDED_LINES = 20;
/** Lines added, against the file's length before: from half on, the file is largely rewritten. */
const REWRITE_RATIO = 0.5;

/**
 * Relative churn (Kamei et al. 2013, "LA/LT"): lines added to a file against its size before. A
 * file largely rewritten in one change is riskier than the same lines added to a large file.
 */
export const relativeChurn = defineSignal({
  id: "relative-churn",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 0.648, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 13,
  explanation: {
    title: "Relative churn",
    meaning: `Existing files largely rewritten: lines added reach half or more of the file's length before (files of at least ${MIN_BASE_LINES} lines, ${MIN_ADDED_LINES} lines added or more).`,
    fix: "Rewrite in steps a reviewer can follow, or say in the PR why the file had to be rewritten whole.",
  },
  evaluate({ files, modules, baseLines }) {
    const evidence: Evidence[] = [];
    for (const f of files) {
      if (
        f.binary ||
        (f.status !== "modified" && f.status !== "renamed") ||
        modules.isIgnored(f.path) ||
        !isHandWritten(f.path)
      )
        continue;
      const before = baseLines.get(f.path);
      if (before === undefined || before < MIN_BASE_LINES || f.additions < MIN_ADDED_LINES) continue;
      if (f.additions / before >= REWRITE_RATIO)
        evidence.push({ file: f.path, what: `+${f.additions} to ${before} lines` });
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: countStrength(evidence.length, 0.34),
      detail: `${plural(evidence.length, "file")} largely rewritten: ${places(evidence)}`,
      evidence,
    };
  },
});
