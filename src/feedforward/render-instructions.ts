import { RULES } from "../checks/rules/index.js";
import { SCORE_PATH } from "../score/parse-score.js";
import type { ModuleSpec, PartSpec, Score } from "../score/score-schema.js";

/**
 * What an agent must know of the score before it writes a line: the modules and their boundaries, the packages and
 * paths that are off limits, its own part, and how Maestro's verdict reads, so that the first violation is the one
 * never written. Markdown, one line per `\n`, without the markers around it.
 *
 * Every string from the score (descriptions, reasons, globs, names) is shown as text that cannot open an HTML comment,
 * so no score can close the section early or hide a line from a reader.
 */
export function renderInstructions(score: Score, command: string): string {
  const lines = [
    "## Architecture rules (Maestro)",
    "",
    `Maestro judges every pull request against the score, \`${SCORE_PATH}\`. This section is written from it by`,
    `\`${command}\`: change the score, not this text, then run the command again.`,
    "",
    ...modules(score),
    ...protectedPaths(score),
    ...parts(score),
    ...ignored(score),
    ...rules(score),
    ...verdicts(score),
    ...fixing(),
  ];
  return lines.join("\n");
}

function modules(score: Score): string[] {
  if (score.modules.length === 0)
    return ["### Modules", "", "The score declares no modules: no import is judged, only risk.", ""];
  return [
    "### Modules",
    "",
    "A file belongs to the first module whose paths match it. Imports between modules must follow these lines.",
    "",
    ...score.modules.flatMap((module) => moduleLines(module)),
  ];
}

function moduleLines(module: ModuleSpec): string[] {
  return [
    `#### ${list([module.name])}`,
    "",
    ...(module.description ? [text(module.description), ""] : []),
    `- Files: ${list(module.paths)}`,
    `- May import: ${module.may_use === undefined ? "any module" : module.may_use.length === 0 ? "no other module" : list(module.may_use)}`,
    ...(module.may_not_use.length > 0 ? [`- Must not import: ${list(module.may_not_use)}`] : []),
    ...(module.public ? [`- Public entry points: other modules import it only through ${list(module.public)}`] : []),
    ...(module.forbid_packages.length > 0
      ? [`- Banned packages (here, subpaths included): ${list(module.forbid_packages)}`]
      : []),
    "",
  ];
}

function protectedPaths(score: Score): string[] {
  if (score.protected.length === 0) return [];
  return [
    "### Protected paths",
    "",
    "A change to these needs a human conductor's sign-off, whatever else it does:",
    "",
    ...score.protected.map((entry) => `- ${list(entry.paths)}: ${text(entry.reason)}`),
    `- ${codeSpan(SCORE_PATH)}: the score itself; a pull request is judged by its base's score, never its own`,
    "",
  ];
}

function parts(score: Score): string[] {
  const declared = score.agents.parts;
  if (declared.length === 0) return [];
  return [
    "### Agents' parts",
    "",
    "Each agent's pull requests may change only the files of its part's modules; a file in any other module, or in",
    "none, is a `part` violation.",
    "",
    ...declared.flatMap((part) => [...partLines(part, score), ""]),
  ];
}

function partLines(part: PartSpec, score: Score): string[] {
  const paths = part.modules.flatMap((name) => score.modules.find((m) => m.name === name)?.paths ?? []);
  return [
    `#### ${list([part.name])}`,
    "",
    `- Whose pull requests: ${matching(part)}`,
    `- Modules: ${list(part.modules)}`,
    ...(part.max_risk !== undefined
      ? [`- From risk ${part.max_risk}, a conductor must sign off its pull requests`]
      : []),
    ...(part.trust
      ? [
          `- While its 30-day record on the podium is over its limits, a conductor signs off from risk ${part.trust.review_at}`,
        ]
      : []),
    "",
    `If you are ${list([part.name])}, you may change only files in ${list(paths)}.`,
  ];
}

function matching(part: PartSpec): string {
  const ways = [
    ...(part.logins.length > 0 ? [`author ${list(part.logins)}`] : []),
    ...(part.branches.length > 0 ? [`branch ${list(part.branches)}`] : []),
    ...(part.labels.length > 0 ? [`label ${list(part.labels)}`] : []),
    ...(part.apps && part.apps.length > 0 ? [`opened by the app ${list(part.apps.map(String))}`] : []),
  ];
  return ways.length > 0 ? ways.join(", or ") : "none named";
}

function ignored(score: Score): string[] {
  if (score.ignore.length === 0) return [];
  return [
    "### Not judged as a source",
    "",
    `${list(score.ignore)}: tests, fixtures, generated code. Their own imports are not checked, but importing one from`,
    "a module is still judged, and production code should not use a test helper or a fixture.",
    "",
  ];
}

function rules(score: Score): string[] {
  return [
    "### Rules",
    "",
    "`error` blocks the pull request, `warn` is shown, `off` is not checked.",
    "",
    ...RULES.map((rule) => `- \`${rule.id}\` (${score.rules[rule.setting.key]}): ${rule.explanation.meaning}`),
    "",
  ];
}

function verdicts(score: Score): string[] {
  const { review_at, block_at } = score.risk;
  return [
    "### Verdicts",
    "",
    `- **block**: a new violation of a rule at \`error\`, or risk ≥ ${block_at} (\`block_at\`${block_at > 100 ? ": never" : ""}).`,
    `- **conductor**: a human must sign off: a protected path or the score changed, risk ≥ ${review_at}`,
    "  (`review_at`), a possible prompt injection, or a file Maestro could not read.",
    "- **pass**: none of these. Violations that already existed at the base never block.",
    "",
  ];
}

function fixing(): string[] {
  return [
    "### Fixing a violation",
    "",
    "Maestro's comment on the pull request ends with *Verdict as JSON (for coding agents)*, a `json` block",
    "(`<` and `>` written as `\\u003c` and `\\u003e`). Read it, fix the code, push: the new head is judged again.",
    "",
    "- `verdict`: `pass`, `conductor` or `block`; `reasons` says why.",
    '- `violations[]`: fix those with `"severity": "error"` and `"introduced": true`. Each has `rule`, `file`',
    "  and `line` (the import), `from` (the importing module), `to` (the imported module, or the banned package),",
    "  and `message`, which quotes the module's description. Changing the score to allow an import needs a",
    "  conductor: fix the code first. How to fix each rule:",
    ...RULES.map((rule) => `  - \`${rule.id}\`: ${rule.explanation.fix}`),
    "- `contention[]`: other open pull requests changing the same files (`files`), the same modules",
    "  (`modules`), or a public API your change imports (`api`). When `strength` is `strong`, rebase once the",
    "  other merges, or wait for it; `orchestra.mergeOrder` gives the suggested order.",
    "- `notes[]`: what Maestro could not judge; an `unjudged` note needs a conductor.",
  ];
}

/** Untrusted prose from the score: one line, and never the start of an HTML comment. */
function text(value: string): string {
  return noComment(value.replace(/\s+/g, " ").trim());
}

/** Globs, packages, logins: each a code span that holds any text and opens no HTML comment. */
function list(values: readonly string[]): string {
  return values.map((value) => noComment(codeSpan(value))).join(", ");
}

/** A code span fenced past any backticks inside (CommonMark), on one line. */
function codeSpan(value: string): string {
  const line = value.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * `<!--` shown as `<\!--`: Markdown renders the escaped `!` as itself, and the file's text can no longer hold a marker
 * or hide what follows.
 */
function noComment(value: string): string {
  return value.replace(/<!--/g, "<\\!--");
}
