import type { LeftOutFile, ReadingProvenance, SecondReading } from "../analyse/reader/index.js";
import { cell, codeSpan } from "./markdown-text.js";

const SEVERITY_MARK = { high: "🔴", medium: "🟠", low: "🟡" } as const;

/**
 * The second reader's part of the summary: what it found that holds up, what it dropped, what it was not shown, and
 * where the answer came from. When it could not answer, the reason stands where the findings would: a reader's
 * outage is never silent. Everything the model wrote is the change's text as far as Markdown goes: cell-escaped.
 */
export function secondReaderMarkdown(reading: SecondReading): string[] {
  if (reading.status === "skipped") return ["", "### Second reader", "", `Not asked: ${cell(reasonOf(reading))}.`];
  if (reading.status === "unavailable")
    return [
      "",
      "### Second reader",
      "",
      `**Second reader unavailable: ${cell(reasonOf(reading))}.** The verdict is the rules' alone.`,
      ...leftOutMarkdown(reading.leftOut, reading.cut),
      ...provenanceMarkdown(reading.provenance),
    ];
  const n = reading.findings.length;
  const parts = ["", `### Second reader: ${n === 0 ? "no findings" : `${n} verified finding${n === 1 ? "" : "s"}`}`];
  if (n > 0) {
    parts.push("", "| | Kind | Where | What |", "|---|---|---|---|");
    for (const f of reading.findings)
      parts.push(
        `| ${SEVERITY_MARK[f.severity]} ${f.severity} | \`${f.kind}\` | ${codeSpan(`${f.file}:${f.line}`)} | ${quiet(cell(f.explanation))} ${f.evidence ? codeSpan(f.evidence) : ""} |`,
      );
  }
  if (reading.dropped > 0)
    parts.push(
      "",
      `${reading.dropped} finding${reading.dropped === 1 ? "" : "s"} dropped: the file, the line or the quote is not in the change, or past the first 20 kept.`,
    );
  return [...parts, ...leftOutMarkdown(reading.leftOut, reading.cut), ...provenanceMarkdown(reading.provenance)];
}

/**
 * The model's words with no way to reach anyone: a steered model must not @mention people or teams in a comment
 * Maestro posts (a zero-width joiner after the `@` breaks the mention, and shows nothing), nor show images or links.
 */
function quiet(text: string): string {
  return text
    .replace(/@(?=[\w-])/g, "@&#8288;")
    .replace(/!\[/g, "!&#8203;[")
    .replace(/\]\(/g, "]&#8203;(");
}

/** The same, as lines of the CLI's text output. */
export function secondReaderText(reading: SecondReading): string[] {
  if (reading.status === "skipped") return ["", `Second reader: not asked: ${reasonOf(reading)}`];
  const from = reading.provenance ? ` (${provenanceText(reading.provenance)})` : "";
  if (reading.status === "unavailable")
    return [
      "",
      `Second reader unavailable: ${reasonOf(reading)}; the verdict is the rules' alone${from}`,
      ...leftOutText(reading.leftOut, reading.cut),
    ];
  const dropped = reading.dropped > 0 ? `, ${reading.dropped} dropped (not in the change, or past the first 20)` : "";
  return [
    "",
    `Second reader: ${reading.findings.length} verified finding${reading.findings.length === 1 ? "" : "s"}${dropped}${from}`,
    ...reading.findings.map((f) => `  ${f.file}:${f.line}  ${f.severity}  ${f.kind}  ${f.explanation}`),
    ...leftOutText(reading.leftOut, reading.cut),
  ];
}

/** The reason as one clause: the sentence around it brings its own full stop. */
function reasonOf(reading: SecondReading): string {
  return (reading.reason ?? "no reason given").replace(/[.\s]+$/, "");
}

function leftOutMarkdown(leftOut: readonly LeftOutFile[], cut: readonly string[]): string[] {
  return [
    ...(leftOut.length === 0 ? [] : ["", `Not sent to the model: ${cell(leftOutList(leftOut))}.`]),
    ...(cut.length === 0 ? [] : ["", `Cut short to fit llm.max_input_tokens: ${cell(cut.join(", "))}.`]),
  ];
}

function leftOutText(leftOut: readonly LeftOutFile[], cut: readonly string[]): string[] {
  return [
    ...(leftOut.length === 0 ? [] : [`  not sent: ${leftOutList(leftOut)}`]),
    ...(cut.length === 0 ? [] : [`  cut short to fit llm.max_input_tokens: ${cut.join(", ")}`]),
  ];
}

/** Files left out, grouped by why, the first few of each named. */
function leftOutList(leftOut: readonly LeftOutFile[]): string {
  const byReason = new Map<string, string[]>();
  for (const { file, reason } of leftOut) byReason.set(reason, [...(byReason.get(reason) ?? []), file]);
  return [...byReason]
    .map(([reason, files]) => {
      const shown = files.slice(0, 5).join(", ");
      return `${reason}: ${shown}${files.length > 5 ? ` and ${files.length - 5} more` : ""}`;
    })
    .join("; ");
}

function provenanceMarkdown(provenance: ReadingProvenance | undefined): string[] {
  return provenance ? ["", `<sub>${cell(provenanceText(provenance))}</sub>`] : [];
}

/** Which model, where, with which instructions, at what cost: SPEC §3's provenance for the reader. */
function provenanceText(p: ReadingProvenance): string {
  const seconds = (p.latencyMs / 1000).toFixed(1);
  return [
    `model ${p.model} at ${p.host}`,
    `prompt sha256 ${p.promptSha256.slice(0, 12)}`,
    `${p.tokensIn.toLocaleString("en-US")} tokens in, ${p.tokensOut.toLocaleString("en-US")} out`,
    p.cached ? `from the cache (first answered in ${seconds} s)` : `${seconds} s`,
  ].join(" · ");
}
