import { places } from "../evidence-text.js";
import { isCiInfra } from "../file-kinds.js";
import { protectedMatcher } from "../protected-matcher.js";
import { defineSignal } from "../signal-definition.js";

/**
 * CI workflows and infrastructure code: a change there runs with the pipeline's credentials. A file under the score's
 * `protected:` is weighed by `protected`, with a conductor, and not counted again here. Ignored files count: the
 * starter score ignores `.*`/ folders, and a workflow is risky for where it runs, not for how it is written.
 */
export const ciInfra = defineSignal({
  id: "ci-infra",
  points: 15,
  explanation: {
    title: "CI and infrastructure",
    meaning:
      "CI workflows, Dockerfiles, compose files or infrastructure code changed, ignored or not; a file under `protected:` counts for `protected` alone.",
    fix: "Have someone who owns the pipeline review it.",
  },
  evaluate({ files, protectedEntries }) {
    const protectedBy = protectedMatcher(protectedEntries);
    const evidence = files
      .filter((f) => isCiInfra(f.path) && protectedBy(f).length === 0)
      .map((f) => ({ file: f.path, what: f.status }));
    if (evidence.length === 0) return undefined;
    return { strength: 1, detail: `changes CI or infrastructure: ${places(evidence)}`, evidence };
  },
});
