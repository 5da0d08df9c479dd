import { plural } from "../evidence-text.js";
import { isGenerated, isLockfile } from "../file-kinds.js";
import { defineSignal } from "../signal-definition.js";

/**
 * Lines changed (added + removed) in judged, hand-written files, stepped: big changes hide things. Lockfiles and
 * generated files (bundles, source maps, snapshots) are written by tools: the `dependencies` signal weighs lockfiles.
 */
const SIZE_STEPS: readonly [number, number][] = [
  [2000, 1],
  [1000, 0.75],
  [500, 0.5],
  [250, 0.25],
  [100, 0.125],
];

export const size = defineSignal({
  id: "size",
  points: 40,
  explanation: {
    title: "Size",
    meaning:
      "Lines changed in judged, hand-written files, in steps: a big change hides things from a reviewer. Ignored files, binary files, lockfiles and generated files (minified bundles, source maps, test snapshots) do not count.",
    fix: "Split the change into smaller PRs, or set `risk.weights.size`.",
  },
  evaluate({ files, modules }) {
    const judged = files.filter(
      (f) => !f.binary && !modules.isIgnored(f.path) && !isLockfile(f.path) && !isGenerated(f.path),
    );
    const lines = judged.reduce((sum, f) => sum + f.additions + f.deletions, 0);
    const strength = SIZE_STEPS.find(([from]) => lines >= from)?.[1] ?? 0;
    if (strength === 0) return undefined;
    return { strength, detail: `${plural(lines, "line")} changed in ${plural(judged.length, "file")}`, evidence: [] };
  },
});
