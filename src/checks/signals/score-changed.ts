import { defineSignal } from "../signal-definition.js";

/**
 * The change edits the score itself: it is judged by the base's score, and a person must agree to the new rules. Read
 * even where `ignore` matches (the starter score ignores `.*`/ folders, `.github/` among them).
 */
export const scoreChanged = defineSignal({
  id: "score-changed",
  points: 30,
  explanation: {
    title: "Score changed",
    meaning:
      "The change edits `.github/maestro.yml`, ignored or not; it is judged by the base's score, and a conductor must agree to the new rules.",
    fix: "Change the score in its own PR, reviewed by a conductor.",
  },
  evaluate({ files, scorePath }) {
    const changed = files.find((f) => f.path === scorePath || f.previousPath === scorePath);
    if (!changed) return undefined;
    return {
      strength: 1,
      detail: `${changed.status} the score ${scorePath}`,
      evidence: [{ file: changed.path, what: changed.status }],
    };
  },
  conductorReasons: (_evidence, { scorePath }) => [
    `changes the score ${scorePath}: a conductor must agree to new rules (this change is judged by the base's)`,
  ],
});
