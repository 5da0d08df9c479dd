import { shannonBits } from "../../shared/shannon-bits.js";
import { dirName, isHandWritten } from "../file-kinds.js";
import { defineSignal } from "../signal-definition.js";

/** Below these the change counts as focused: a feature and its test sit in a few folders. */
const FOCUSED_DIRECTORIES = 3;
const FOCUSED_ENTROPY_BITS = 2;

/**
 * How scattered the change is (Kamei et al. 2013, "diffusion"): the directories it touches, and the
 * entropy of its changed lines across files (a change spread evenly over many files scores high;
 * one big edit with a few small touches scores low). Scattered changes are more often wrong.
 */
export const diffusion = defineSignal({
  id: "diffusion",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 0.201, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 4,
  explanation: {
    title: "Diffusion",
    meaning:
      "How scattered the change is: the folders it touches, and how evenly its changed lines spread across files (their entropy). Scattered changes are more often the ones a later fix repairs.",
    fix: "Split unrelated edits into their own PRs, so each reads as one story.",
  },
  evaluate({ files, modules }) {
    const judged = files.filter((f) => !f.binary && !modules.isIgnored(f.path) && isHandWritten(f.path));
    const directories = new Set(judged.map((f) => dirName(f.path)));
    const entropy = shannonBits(judged.map((f) => f.additions + f.deletions));
    const byFolders = (directories.size - FOCUSED_DIRECTORIES) / 12;
    const bySpread = (entropy - FOCUSED_ENTROPY_BITS) / 3;
    const strength = Math.min(1, Math.max(byFolders, bySpread));
    if (strength <= 0) return undefined;
    return {
      strength,
      detail: `spread over ${directories.size} folders and ${judged.length} files (entropy ${entropy.toFixed(1)} bits)`,
      evidence: [],
    };
  },
});
