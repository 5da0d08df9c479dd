import type { Violation } from "../analyse/violation.js";
import type { Verdict } from "../decide/verdict.js";
import { cell, codeSpan } from "./markdown-text.js";
import { mermaidGraph, type AddedEdge } from "./module-edges.js";
import { secondReaderMarkdown } from "./second-reader-section.js";
import { otherInstrumentsMarkdown } from "./other-instruments-section.js";
import { shortSha, VERDICT_TITLES, type ReportContext } from "./report-context.js";

/** GitHub's limit on a check run's summary (and a comment's body). */
export const GITHUB_TEXT_LIMIT = 65_535;

const ICON = { pass: "✅", conductor: "🟡", block: "⛔" } as const;

/**
 * The summary of SPEC §3: verdict, reasons, violations, the edges the change adds, the risk and
 * where it all came from. Cut to `limit` by dropping table rows (and saying how many), never rejected.
 */
export function renderMarkdown(
  verdict: Verdict,
  context: ReportContext,
  edges: readonly AddedEdge[],
  limit = GITHUB_TEXT_LIMIT,
): string {
  for (let rows = verdict.violations.length; ; rows = Math.floor(rows / 2)) {
    const text = compose(verdict, context, edges, rows);
    if (text.length <= limit) return text;
    if (rows === 0) return `${text.slice(0, limit - 80)}\n\n… cut to GitHub's ${limit}-character limit.`;
  }
}

function compose(verdict: Verdict, context: ReportContext, edges: readonly AddedEdge[], rows: number): string {
  const parts: string[] = [
    `## ${ICON[verdict.verdict]} Maestro: ${VERDICT_TITLES[verdict.verdict]}`,
    "",
    ...verdict.reasons.map((r) => `- ${cell(r)}`),
  ];
  // What the change repairs comes before what it leaves: a clean-up reads as one.
  const { fixed } = verdict;
  if (fixed.count > 0)
    parts.push(
      "",
      `### Fixed (${fixed.count} violation${fixed.count === 1 ? "" : "s"} that ${fixed.count === 1 ? "was" : "were"} at base)`,
      "",
      fixed.rules.map((r) => `${r.count} \`${r.rule}\``).join(" · "),
    );
  if (verdict.violations.length > 0) {
    const shown = [...verdict.violations].sort(byImportance).slice(0, rows);
    parts.push(
      "",
      `### Violations (${count(verdict.violations, true)} new, ${count(verdict.violations, false)} already at base)`,
      "",
    );
    parts.push("| | Rule | Where | What |", "|---|---|---|---|", ...shown.map(row));
    const hidden = verdict.violations.length - shown.length;
    if (hidden > 0)
      parts.push(
        "",
        `… ${hidden} more violation${hidden === 1 ? "" : "s"} not shown here: see the annotations or run \`maestro check\`.`,
      );
  }
  if (edges.length > 0)
    parts.push("", `### Module edges this change adds`, "", "```mermaid", mermaidGraph(edges), "```");
  parts.push("", `### Risk: ${verdict.risk.score}/100 (${verdict.risk.level})`);
  if (verdict.risk.signals.length > 0) {
    parts.push("", "| Signal | Points | Why |", "|---|---:|---|");
    for (const s of verdict.risk.signals) parts.push(`| \`${s.id}\` | ${s.points} | ${cell(s.detail)} |`);
  }
  if (verdict.secondReader) parts.push(...secondReaderMarkdown(verdict.secondReader));
  if (verdict.orchestra) parts.push(...otherInstrumentsMarkdown(verdict.contention ?? [], verdict.orchestra));
  if (verdict.notes.length > 0) parts.push("", "### Notes", "", ...verdict.notes.map((n) => `- ${cell(n.message)}`));
  const range =
    context.scope === "all"
      ? `all files at ${shortSha(context.headSha)}`
      : `${shortSha(context.baseSha)}..${shortSha(context.headSha)}`;
  parts.push("", `<sub>${range} · score ${context.scoreSource} · Maestro ${context.maestroVersion}</sub>`);
  return parts.join("\n");
}

function row(v: Violation): string {
  const mark = v.introduced ? (v.severity === "error" ? "🔴" : "🟠") : "⚪";
  return `| ${mark} | \`${v.rule}\` | ${codeSpan(`${v.file}:${v.line}`)} | ${cell(v.message)} |`;
}

function byImportance(a: Violation, b: Violation): number {
  const weight = (v: Violation) => (v.introduced ? 0 : 2) + (v.severity === "error" ? 0 : 1);
  return weight(a) - weight(b);
}

function count(violations: readonly Violation[], introduced: boolean): number {
  return violations.filter((v) => v.introduced === introduced).length;
}
