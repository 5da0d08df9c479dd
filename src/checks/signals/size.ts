import { plural } from "../evidence-text.js";
import { isGenerated, isLockfile } from "../file-kinds.js";
import { defineSignal } from "../signal-definition.js";

/**
 * Lines changed (added + removed) in judged, hand-written files, on a log scale: each doubling adds
 * the same share, from nothing at 20 lines to full strength at 2,000. Big changes hide things, and
 * on real history the chance that a later fix repairs a change grows with the log of its size: a
 * scale without steps keeps the ranking that counting lines gives. Lockfiles and generated files
 * (bundles, source maps, snapshots) are written by tools: the `dependencies` signal weighs lockfiles.
 */
const SMALL_LINES = 20;
const FULL_LINES = 2000;

export function sizeStrength(lines: number): number {
  if (lines <= SMALL_LINES) return 0;
  return Math.min(1, Math.log(lines / SMALL_LINES) / Math.log(FULL_LINES / SMALL_LINES));
}

export const size = defineSignal({
  id: "size",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 1.898, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 37,
  explanation: {
    title: "Size",
    meaning:
      "Lines changed in judged, hand-written files, on a log scale from 20 lines (nothing) to 2,000 (full): a big change hides things from a reviewer. Ignored files, binary files, lockfiles and generated files (minified bundles, source maps, test snapshots) do not count.",
    fix: "Split the change into smaller PRs, or set `risk.weights.size`.",
  },
  evaluate({ files, modules }) {
    const judged = files.filter(
      (f) => !f.binary && !modules.isIgnored(f.path) && !isLockfile(f.path) && !isGenerated(f.path),
    );
    const lines = judged.reduce((sum, f) => sum + f.additions + f.deletions, 0);
    const strength = sizeStrength(lines);
    if (strength === 0) return undefined;
    return { strength, detail: `${plural(lines, "line")} changed in ${plural(judged.length, "file")}`, evidence: [] };
  },
});
