import type { Verdict } from "../decide/verdict.js";
import { verdictAnnotations } from "../publish/annotations.js";
import { workflowCommand } from "./workflow-command.js";

/** GitHub shows this many annotations of one kind (error, warning, notice) per step and drops the rest unsaid. */
export const ANNOTATIONS_PER_KIND = 10;

type Kind = "error" | "warning" | "notice";

interface Line {
  readonly kind: Kind;
  readonly text: string;
}

/**
 * The verdict as workflow annotations, as the App's check run annotates it: new blocking violations as errors, new
 * warnings and risk signals as warnings, violations already at base as notices; violations carry their column.
 * Past ten of a kind, one notice says how many more there are and where to read them, so none is lost in silence.
 */
export function annotationCommands(verdict: Verdict): string[] {
  const violations = verdict.violations.map((v): Line => {
    const kind = !v.introduced ? "notice" : v.severity === "error" ? "error" : "warning";
    const title = `Maestro ${v.rule}${v.introduced ? "" : " (already at base)"}`;
    return { kind, text: workflowCommand(kind, { file: v.file, line: v.line, col: v.column, title }, v.message) };
  });
  // Risk signals and the second reader's findings, as the check run has them (their annotations carry no column).
  const others = verdictAnnotations({ ...verdict, violations: [] }).map((a): Line => {
    const kind = a.annotation_level === "failure" ? "error" : a.annotation_level;
    return { kind, text: workflowCommand(kind, { file: a.path, line: a.start_line, title: a.title }, a.message) };
  });
  const all = [...violations, ...others];
  const of = (kind: Kind) => all.filter((l) => l.kind === kind);
  const [errors, warnings, notices] = [of("error"), of("warning"), of("notice")];
  const overflow = (count: number, what: string) =>
    workflowCommand(
      "notice",
      { title: "Maestro" },
      `${count} more ${what} than GitHub shows here: the job summary and the SARIF file list them all.`,
    );
  const lines = [...errors.slice(0, ANNOTATIONS_PER_KIND), ...warnings.slice(0, ANNOTATIONS_PER_KIND)].map(
    (l) => l.text,
  );
  const said: string[] = [];
  if (errors.length > ANNOTATIONS_PER_KIND) said.push(overflow(errors.length - ANNOTATIONS_PER_KIND, "errors"));
  if (warnings.length > ANNOTATIONS_PER_KIND) said.push(overflow(warnings.length - ANNOTATIONS_PER_KIND, "warnings"));
  // The overflow lines are notices too: they come first among the ten, and the notices of violations take the rest.
  const room = ANNOTATIONS_PER_KIND - said.length;
  if (notices.length <= room) return [...lines, ...said, ...notices.map((l) => l.text)];
  const shown = notices.slice(0, room - 1).map((l) => l.text);
  return [...lines, ...said, ...shown, overflow(notices.length - shown.length, "notices")];
}
