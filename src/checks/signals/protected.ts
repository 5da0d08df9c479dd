import { places, plural } from "../evidence-text.js";
import { protectedMatcher } from "../protected-matcher.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/**
 * Paths under the score's `protected:` entries; each entry's reason is what the conductor reads. Ignored files count:
 * the score names these paths itself, and `ci-infra` leaves them to this signal.
 */
export const protectedPaths = defineSignal({
  id: "protected",
  points: 20,
  explanation: {
    title: "Protected path",
    meaning: "The change touches a path under `protected:`, ignored or not; a conductor must always sign off.",
    fix: "Have a conductor review and `/maestro approve` it.",
  },
  evaluate({ files, protectedEntries }) {
    const protectedBy = protectedMatcher(protectedEntries);
    const matched = files.map((f) => ({ file: f, entries: protectedBy(f) }));
    const evidence: Evidence[] = [];
    for (const entry of protectedEntries) {
      for (const { file, entries } of matched)
        if (entries.includes(entry)) evidence.push({ file: file.path, what: entry.reason });
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
