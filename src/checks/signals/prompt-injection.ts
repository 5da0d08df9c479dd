import { plural } from "../evidence-text.js";
import { isGenerated } from "../file-kinds.js";
import { injectionLines } from "../injection/injection-lines.js";
import type { PullText } from "../risk-facts.js";
import { isGeneratedFile } from "../secrets/generated-file.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Places named in the detail and in the conductor's reason, at most: the rest are counted. */
const SHOWN = 3;

/**
 * Text in the change, or in the PR's title and body, aimed at whoever reviews it: a person or a model. Ignored files
 * are read too: an injection in a test file reaches reviewers and models all the same. The evidence names the place
 * and the kind of attempt in Maestro's words and quotes nothing: the verdict is read by people and handed to the second
 * reader as the rules' findings, where an attacker's words must not travel.
 */
export const promptInjection = defineSignal({
  id: "prompt-injection",
  // Policy, not fitted (theia's history has no injection attempt to fit on): enough to be seen in the score, while the
  // conductor it always needs is what protects the PR.
  points: 25,
  explanation: {
    title: "Prompt injection",
    meaning:
      "Added lines, in any file (ignored or not), or the PR's title or body, that speak to a reviewer or a model rather than about the code: asking to ignore previous instructions, to approve, to report a risk of 0 or keep findings quiet, addressing an AI reader, chat-template tokens, or hidden characters (bidi controls, zero-width characters, Unicode tags) that are not typography; a conductor must always look.",
    fix: "Remove the text aimed at reviewers or models and the hidden characters (write them as escapes where code needs them), and have a conductor confirm nothing else was slipped in.",
  },
  evaluate({ files, lines, pullText }) {
    const evidence: Evidence[] = [];
    for (const file of files) {
      const added = lines(file).added;
      // A minifier writes characters such as a zero-width joiner as they are; nobody reads a bundle's lines.
      const generated = isGenerated(file.path) || isGeneratedFile(file.path, added);
      for (const { line, what } of injectionLines({ path: file.path, generated }, added))
        evidence.push({ file: file.path, line, what });
    }
    if (pullText) evidence.push(...pullTextEvidence(pullText));
    if (evidence.length === 0) return undefined;
    return {
      // One attempt is the whole signal: a second line makes it no more of one.
      strength: 1,
      detail: `${plural(evidence.length, "place")} with text aimed at reviewers or models: ${shown(evidence, (e) => `${placeOf(e)} (${whatOf(e)})`)}`,
      evidence,
    };
  },
  conductorReasons: (evidence) => [
    `possible prompt injection in ${shown(evidence, placeOf)}: text aimed at reviewers or models needs a human`,
  ],
});

/** The PR's title and body, each one place: its evidence names it first (`PR body: …`), as it has no file. */
function pullTextEvidence({ title, body }: PullText): Evidence[] {
  const evidence: Evidence[] = [];
  for (const [place, text] of [
    ["PR title", title],
    ["PR body", body],
  ] as const) {
    const found = injectionLines(
      "pull text",
      text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t })),
    );
    const what = [...new Set(found.flatMap((f) => f.what.split("; ")))];
    if (what.length > 0) evidence.push({ what: `${place}: ${what.join("; ")}` });
  }
  return evidence;
}

/** `src/a.ts:3`; for the PR's own text, which has no file, the place its evidence starts with (`PR body: …`). */
function placeOf(e: Evidence): string {
  return e.file ? `${e.file}:${e.line ?? ""}` : e.what.slice(0, e.what.indexOf(": "));
}

function whatOf(e: Evidence): string {
  return e.file ? e.what : e.what.slice(placeOf(e).length + 2);
}

function shown(evidence: readonly Evidence[], show: (e: Evidence) => string): string {
  const more = evidence.length - SHOWN;
  return evidence.slice(0, SHOWN).map(show).join(", ") + (more > 0 ? ` and ${more} more` : "");
}
