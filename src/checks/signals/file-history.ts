import { HISTORY_DAYS } from "../../gather/change.js";
import { countStrength } from "../count-strength.js";
import { isHandWritten } from "../file-kinds.js";
import { places, plural } from "../evidence-text.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** A file changed this often in the window is a hot spot even without a fix. */
const HOT_CHANGES = 8;

/**
 * File history (Kamei et al. 2013, "NUC" and prior fixes): files that were fixed lately, or change
 * all the time, are where the next defect lands. The history covers the days before the base
 * commit, so an old commit is judged as it was.
 */
export const fileHistory = defineSignal({
  id: "file-history",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 1.041, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 20,
  explanation: {
    title: "File history",
    meaning: `The change edits files that were fixed in the ${HISTORY_DAYS} days before its base, or changed ${HOT_CHANGES} times or more: where defects were, more tend to follow.`,
    fix: "Have someone who knows those files review it, and add a test for the behaviour the last fixes touched.",
  },
  evaluate({ files, modules, history }) {
    if (!history) return undefined;
    const evidence: Evidence[] = [];
    let fixes = 0;
    for (const f of files) {
      if (f.status === "added" || modules.isIgnored(f.path) || !isHandWritten(f.path)) continue;
      const h = history.get(f.previousPath ?? f.path);
      if (!h || (h.fixes === 0 && h.changes < HOT_CHANGES)) continue;
      fixes += h.fixes;
      evidence.push({
        file: f.path,
        what: `${plural(h.changes, "change")}, ${h.fixes} ${h.fixes === 1 ? "fix" : "fixes"}`,
      });
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: Math.max(countStrength(fixes, 0.25), countStrength(evidence.length, 0.2)),
      detail: `${plural(evidence.length, "file")} with a recent history of changes or fixes: ${places(evidence)}`,
      evidence,
    };
  },
});
