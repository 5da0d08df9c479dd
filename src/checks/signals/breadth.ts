import { countStrength } from "../count-strength.js";
import { plural } from "../evidence-text.js";
import { isVersionBookkeeping } from "../file-kinds.js";
import { defineSignal } from "../signal-definition.js";

/**
 * Modules touched: a change across the architecture is harder to review than one inside a module. A module touched only
 * in its manifest, lockfile or changelog (a release bumping versions) is not touched in its code.
 */
export const breadth = defineSignal({
  id: "breadth",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 0.017, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md). The fit gave it no weight (its information is in size and
  // diffusion); 2 keeps the modules it touches in the verdict.
  points: 2,
  explanation: {
    title: "Breadth",
    meaning:
      "How many modules the change touches in judged files: a change across the architecture is harder to review. A module touched only in its manifest, lockfile or changelog (a release bumping versions) does not count.",
    fix: "Keep a PR inside one or two modules.",
  },
  evaluate({ files, modules }) {
    const touched = new Set<string>();
    for (const f of files) {
      if (modules.isIgnored(f.path) || isVersionBookkeeping(f.path)) continue;
      for (const path of [f.path, f.previousPath]) {
        const module = path ? modules.moduleOf(path) : undefined;
        if (module) touched.add(module.name);
      }
    }
    if (touched.size < 2) return undefined;
    return {
      strength: countStrength(touched.size - 1, 0.2),
      detail: `touches ${plural(touched.size, "module")}: ${[...touched].sort().join(", ")}`,
      evidence: [],
    };
  },
});
