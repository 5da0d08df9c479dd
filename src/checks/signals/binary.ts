import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { defineSignal } from "../signal-definition.js";

/**
 * Binary files added or changed: nobody can review them as text. Ignored files count: a test fixture can carry a
 * payload (xz's backdoor was hidden in its test files).
 */
export const binary = defineSignal({
  id: "binary",
  points: 15,
  explanation: {
    title: "Binary files",
    meaning: "Binary files were added or changed, ignored or not: they cannot be reviewed as text.",
    fix: "Say in the PR what they are and where they come from.",
  },
  evaluate({ files }) {
    const added = files.filter((f) => f.binary && f.status !== "removed");
    if (added.length === 0) return undefined;
    const evidence = added.map((f) => ({ file: f.path, what: f.status === "added" ? "added" : "changed" }));
    return {
      strength: countStrength(added.length, 0.34),
      detail: `${plural(added.length, "binary file")}: ${places(evidence)}`,
      evidence,
    };
  },
});
