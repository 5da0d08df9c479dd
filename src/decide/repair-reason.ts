import type { Fixed } from "./verdict.js";

/**
 * What a change repairs, as the reasons and the pass title say it: `fixes 3 existing boundary
 * violations`, or `fixes 19 existing violations (12 boundary, 7 cycle)`; undefined when it fixes none.
 */
export function repairReason(fixed: Fixed): string | undefined {
  if (fixed.count === 0) return undefined;
  const only = fixed.rules.length === 1 ? fixed.rules[0] : undefined;
  const noun = `violation${fixed.count === 1 ? "" : "s"}`;
  if (only) return `fixes ${fixed.count} existing ${only.rule} ${noun}`;
  return `fixes ${fixed.count} existing ${noun} (${fixed.rules.map((r) => `${r.count} ${r.rule}`).join(", ")})`;
}
