import { places } from "../evidence-text.js";
import { isCiInfra } from "../file-kinds.js";
import { defineSignal } from "../signal-definition.js";

/** CI workflows and infrastructure code: a change there runs with the pipeline's credentials. */
export const ciInfra = defineSignal({
  id: "ci-infra",
  points: 15,
  explanation: {
    title: "CI and infrastructure",
    meaning: "CI workflows, Dockerfiles, compose files or infrastructure code changed.",
    fix: "Have someone who owns the pipeline review it.",
  },
  evaluate({ files }) {
    const evidence = files.filter((f) => isCiInfra(f.path)).map((f) => ({ file: f.path, what: f.status }));
    if (evidence.length === 0) return undefined;
    return { strength: 1, detail: `changes CI or infrastructure: ${places(evidence)}`, evidence };
  },
});
