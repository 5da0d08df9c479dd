import { places, plural } from "../evidence-text.js";
import { isTest } from "../file-kinds.js";
import { defineSignal } from "../signal-definition.js";

const CODE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|cs|php|swift|scala|c|cc|cpp|h|hpp)$/;

/** Code changed and no test changed with it. */
export const untested = defineSignal({
  id: "untested",
  points: 15,
  explanation: {
    title: "Untested",
    meaning: "Code changed and no test changed with it.",
    fix: "Add or update tests that cover the change.",
  },
  evaluate({ files }) {
    const live = files.filter((f) => f.status !== "removed" && f.additions > 0);
    if (live.some((f) => isTest(f.path))) return undefined;
    const code = live.filter((f) => CODE.test(f.path) && !f.path.endsWith(".d.ts"));
    if (code.length === 0) return undefined;
    const evidence = code.map((f) => ({ file: f.path, what: `+${f.additions}` }));
    return {
      strength: 1,
      detail: `${plural(code.length, "source file")} changed with no test changed: ${places(evidence)}`,
      evidence,
    };
  },
});
