import { compileGlobs } from "../../shared/glob.js";
import { places, plural } from "../evidence-text.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Paths under the score's `protected:` entries; each entry's reason is what the conductor reads. */
export const protectedPaths = defineSignal({
  id: "protected",
  points: 20,
  explanation: {
    title: "Protected path",
    meaning: "The change touches a path under `protected:`; a conductor must always sign off.",
    fix: "Have a conductor review and `/maestro approve` it.",
  },
  evaluate({ files, protectedEntries }) {
    const evidence: Evidence[] = [];
    for (const entry of protectedEntries) {
      const matches = compileGlobs(entry.paths);
      for (const f of files) {
        if (matches(f.path) || (f.previousPath !== undefined && matches(f.previousPath)))
          evidence.push({ file: f.path, what: entry.reason });
      }
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: 1,
      detail: `touches ${plural(evidence.length, "protected path")}: ${places(evidence)}`,
      evidence,
    };
  },
  conductorReasons: (evidence) => evidence.map((e) => `touches protected path ${e.file}: ${e.what}`),
});
