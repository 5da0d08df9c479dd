import { compileGlobs } from "../../../shared/glob.js";
import { isCiInfra } from "../file-kinds.js";
import { places, plural, type Evidence, type SignalDefinition } from "../risk-facts.js";

/** Paths under the score's `protected:` entries; each entry's reason is what the conductor reads. */
export const protectedPaths: SignalDefinition = {
  id: "protected",
  points: 20,
  evaluate({ files, score }) {
    const evidence: Evidence[] = [];
    for (const entry of score.protected) {
      const matches = compileGlobs(entry.paths);
      for (const f of files) {
        if (matches(f.path) || (f.previousPath !== undefined && matches(f.previousPath))) evidence.push({ file: f.path, what: entry.reason });
      }
    }
    if (evidence.length === 0) return undefined;
    return { strength: 1, detail: `touches ${plural(evidence.length, "protected path")}: ${places(evidence)}`, evidence };
  },
};

/** The change edits the score itself: it is judged by the base's score, and a person must agree to the new rules. */
export const scoreChanged: SignalDefinition = {
  id: "score-changed",
  points: 30,
  evaluate({ files, scorePath }) {
    const changed = files.find((f) => f.path === scorePath || f.previousPath === scorePath);
    if (!changed) return undefined;
    return { strength: 1, detail: `${changed.status} the score ${scorePath}`, evidence: [{ file: changed.path, what: changed.status }] };
  },
};

export const ciInfra: SignalDefinition = {
  id: "ci-infra",
  points: 15,
  evaluate({ files }) {
    const evidence = files.filter((f) => isCiInfra(f.path)).map((f) => ({ file: f.path, what: f.status }));
    if (evidence.length === 0) return undefined;
    return { strength: 1, detail: `changes CI or infrastructure: ${places(evidence)}`, evidence };
  },
};
