import type { Violation } from "../analyse/violation.js";
import type { Verdict } from "../decide/verdict.js";
import { shortSha, VERDICT_TITLES, type ReportContext } from "./report-context.js";
import { otherInstrumentsText } from "./other-instruments-section.js";
import { secondReaderText } from "./second-reader-section.js";

const MARK = { pass: "✔", conductor: "●", block: "✖" } as const;

/** The CLI's default output: the verdict first, then each violation as `file:line:col` a terminal can open. */
export function renderText(verdict: Verdict, context: ReportContext): string {
  const lines: string[] = [];
  lines.push(`${MARK[verdict.verdict]} Maestro: ${VERDICT_TITLES[verdict.verdict]} — ${verdict.reasons.join("; ")}`);
  const range =
    context.scope === "all"
      ? `all files at ${shortSha(context.headSha)}`
      : `${shortSha(context.baseSha)}..${shortSha(context.headSha)}`;
  lines.push(`  ${range} · score ${context.scoreSource} · maestro ${context.maestroVersion}`);

  // What the change repairs comes before what it leaves: a clean-up reads as one.
  const { fixed } = verdict;
  if (fixed.count > 0)
    lines.push("", `Fixed (${fixed.count}): ${fixed.rules.map((r) => `${r.count} ${r.rule}`).join(", ")}`);

  const introduced = verdict.violations.filter((v) => v.introduced);
  const existing = verdict.violations.filter((v) => !v.introduced);
  if (introduced.length > 0) lines.push("", `New violations (${introduced.length}):`, ...introduced.map(violationLine));
  if (existing.length > 0)
    lines.push("", `Already at base, not blocking (${existing.length}):`, ...existing.map(violationLine));
  if (verdict.violations.length === 0) lines.push("", "No violations.");

  lines.push("", `Risk: ${verdict.risk.score}/100 (${verdict.risk.level})`);
  for (const s of verdict.risk.signals) lines.push(`  +${s.points} ${s.id}: ${s.detail}`);
  if (verdict.secondReader) lines.push(...secondReaderText(verdict.secondReader));
  if (verdict.orchestra) lines.push(...otherInstrumentsText(verdict.contention ?? [], verdict.orchestra));
  if (verdict.notes.length > 0) lines.push("", "Notes:", ...verdict.notes.map((n) => `  - ${n.message}`));
  return `${lines.join("\n")}\n`;
}

function violationLine(v: Violation): string {
  return `  ${v.file}:${v.line}:${v.column}  ${v.severity}  ${v.rule}  ${v.message}`;
}
