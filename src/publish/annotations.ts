import type { Verdict } from "../decide/verdict.js";
import type { ScoreProblem } from "../score/score-problem.js";

/** A check-run annotation as GitHub takes it (`output.annotations[]`). */
export interface Annotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: "notice" | "warning" | "failure";
  readonly title: string;
  readonly message: string;
}

/** GitHub's limit on one annotation's message. */
const MESSAGE_LIMIT = 64 * 1024 - 1;

/** Every violation on its file and line; new blocking ones as failures, existing ones as notices. */
export function verdictAnnotations(verdict: Verdict): Annotation[] {
  const violations = verdict.violations.map((v): Annotation => ({
    path: v.file,
    start_line: v.line,
    end_line: v.line,
    annotation_level: !v.introduced ? "notice" : v.severity === "error" ? "failure" : "warning",
    title: `Maestro ${v.rule}${v.introduced ? "" : " (already at base)"}`,
    message: cut(v.message),
  }));
  // The second reader's row points only at its first finding: each finding is annotated below instead.
  const signals = verdict.risk.signals
    .filter((s) => s.file !== undefined && s.id !== "llm")
    .map((s): Annotation => ({
      path: s.file as string,
      start_line: s.line ?? 1,
      end_line: s.line ?? 1,
      annotation_level: "warning",
      title: `Maestro risk: ${s.id} (+${s.points})`,
      message: cut(s.detail),
    }));
  const findings = (verdict.secondReader?.findings ?? []).map((f): Annotation => ({
    path: f.file,
    start_line: f.line,
    end_line: f.line,
    annotation_level: "warning",
    title: `Maestro second reader: ${f.severity} ${f.kind}`,
    message: cut(f.evidence ? `${f.explanation}\n\n> ${f.evidence}` : f.explanation),
  }));
  return [...violations, ...signals, ...findings];
}

export function scoreAnnotations(problems: readonly ScoreProblem[]): Annotation[] {
  return problems.map((p) => ({
    path: p.file,
    start_line: p.line,
    end_line: p.line,
    annotation_level: p.severity === "error" ? "failure" : "warning",
    title: p.severity === "error" ? "Invalid score" : "Score warning",
    message: cut(`${p.keyPath ? `${p.keyPath}: ` : ""}${p.message}`),
  }));
}

function cut(message: string): string {
  return message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT - 1)}…` : message;
}
