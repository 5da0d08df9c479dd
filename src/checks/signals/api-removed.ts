import type { ChangedFile } from "../../gather/change.js";
import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import type { RiskFacts } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** A changed file that is some module's `public` file at base: its exports are other modules' contract. */
function isPublicAtBase(file: ChangedFile, { modules }: Pick<RiskFacts, "modules">): boolean {
  if (file.status === "added") return false;
  const basePath = file.previousPath ?? file.path;
  const module = modules.moduleOf(basePath);
  return !!module?.public && modules.isPublic(module, basePath);
}

/** Exported names removed, or their signatures changed, in a module's public files. */
export const apiRemoved = defineSignal({
  id: "api-removed",
  points: 30,
  explanation: {
    title: "Public API changed",
    meaning:
      "Exported names were removed, or their signatures changed, in a module's `public` files: other modules may break.",
    fix: "Keep the old export (deprecate it), or update every user in the same PR.",
  },
  wants: isPublicAtBase,
  evaluate(facts) {
    const evidence: Evidence[] = [];
    for (const file of facts.files.filter((f) => isPublicAtBase(f, facts))) {
      const basePath = file.previousPath ?? file.path;
      const texts = facts.texts.get(file.path) ?? facts.texts.get(basePath);
      if (texts?.base === undefined) continue;
      const before = facts.exportsOf(basePath, texts.base);
      const after = texts.head === undefined ? new Map<string, string>() : facts.exportsOf(file.path, texts.head);
      for (const [name, signature] of before) {
        if (!after.has(name)) evidence.push({ file: file.path, what: `${name} removed` });
        else if (after.get(name) !== signature) evidence.push({ file: file.path, what: `${name} changed` });
      }
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: countStrength(evidence.length, 0.5),
      detail: `${plural(evidence.length, "public export")} removed or changed: ${places(evidence)}`,
      evidence,
    };
  },
});
