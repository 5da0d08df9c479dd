import type { Score } from "../../score/score-schema.js";
import { createFirstMatch } from "../../score/first-match.js";
import { shownPath } from "./shown-path.js";

/** What the rules found, as the model is told it so as not to repeat it: a verdict's violations and risk signals. */
export interface RulesSaid {
  readonly violations: readonly {
    readonly rule: string;
    readonly file: string;
    readonly line: number;
    readonly message: string;
  }[];
  readonly signals: readonly { readonly id: string; readonly points: number; readonly detail: string }[];
}

/** A part of the data the model reads, named so that the verdict can say it was cut. */
export interface ReadingSection {
  readonly name: string;
  readonly heading: string;
  readonly text: string;
}

/** Up to this many modules are all described; a larger score describes only those the change touches. */
const ALL_MODULES_UP_TO = 20;
/** Lines past which a list is summed up: the budget is for the diff. */
const MAX_LISTED = 100;

/** The pull request's own words, quoted line by line, so that none of them reads as a heading of the data. */
export function pullSections(pullText: { title: string; body: string } | undefined): ReadingSection[] {
  if (!pullText) return [];
  const body = pullText.body.trim() === "" ? ["(empty)"] : pullText.body.split(/\r?\n/);
  return [
    { name: "pull request title", heading: "## Pull request title", text: `> ${pullText.title.replace(/\s+/g, " ")}` },
    { name: "pull request description", heading: "## Pull request description", text: quoted(body) },
  ];
}

/** The score's modules: all of a small score, or those the changed paths fall in. */
export function modulesSection(score: Score, paths: readonly string[]): ReadingSection[] {
  const first = createFirstMatch(score.modules.map((m) => m.paths));
  const touched = new Set(paths.map((p) => first.indexOf(p)));
  const shown = score.modules.filter((_, i) => score.modules.length <= ALL_MODULES_UP_TO || touched.has(i));
  if (shown.length === 0) return [];
  const lines = shown.map((m) => `- ${m.name} (${m.paths.join(", ")})${m.description ? `: ${m.description}` : ""}`);
  return [
    { name: "modules", heading: "## The architecture's modules (from the repository's score)", text: listed(lines) },
  ];
}

/** What the rules found, so that the model reports something else. */
export function rulesSection(rules: RulesSaid): ReadingSection[] {
  const violations = rules.violations.map((v) => `- ${v.rule} at ${shownPath(v.file)}:${v.line}: ${v.message}`);
  const signals = rules.signals.map((s) => `- ${s.id} (+${s.points} points): ${s.detail}`);
  const text = [
    "Violations:",
    violations.length === 0 ? "(none)" : listed(violations),
    "Risk signals:",
    signals.length === 0 ? "(none)" : listed(signals),
  ].join("\n");
  return [{ name: "rules' findings", heading: "## Already found by Maestro's rules (do not report again)", text }];
}

/** The changed files the model is not shown, and why. */
export function leftOutSection(leftOut: readonly { file: string; reason: string }[]): ReadingSection[] {
  if (leftOut.length === 0) return [];
  const lines = leftOut.map((l) => `- ${shownPath(l.file)}: ${l.reason}`);
  return [{ name: "files not shown", heading: "## Changed files not shown", text: listed(lines) }];
}

/** Every line, however many: the token budget cuts a long description, never a count of lines. */
function quoted(lines: readonly string[]): string {
  return lines.map((l) => `> ${l}`).join("\n");
}

function listed(lines: readonly string[]): string {
  if (lines.length <= MAX_LISTED) return lines.join("\n");
  return [...lines.slice(0, MAX_LISTED), `(and ${lines.length - MAX_LISTED} more)`].join("\n");
}
