import { bootstrapAuc, type AucInterval } from "./bootstrap-auc.js";
import { isBad, isFixInducing } from "./judged-commit.js";
import type { ReadCommit } from "./read-sample.js";

export interface LlmReportInput {
  readonly read: readonly ReadCommit[];
  readonly failed: readonly string[];
  readonly header: string;
  /** US dollars per million tokens in and out, when the user gave them: the cost per PR. */
  readonly priceIn?: number;
  readonly priceOut?: number;
}

/** What the reader adds to the rules on the sample: AUC with and without it, what it cost, how often it answered. */
export function renderLlmReport(input: LlmReportInput): string {
  const { read } = input;
  const other = read.filter((c) => !isBad(c));
  const row = (label: string, bad: readonly ReadCommit[]) =>
    `| ${label} | ${bad.length} / ${other.length} | ${auc(
      bad.map((c) => c.rulesRisk),
      other.map((c) => c.rulesRisk),
    )} | ${auc(
      bad.map((c) => c.risk),
      other.map((c) => c.risk),
    )} |`;
  const status = (s: string) => read.filter((c) => c.reading?.status === s).length;
  const answered = read.filter((c) => c.reading?.status === "read" && c.reading.provenance);
  const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const tokensIn = mean(answered.map((c) => c.reading?.provenance?.tokensIn ?? 0));
  const tokensOut = mean(answered.map((c) => c.reading?.provenance?.tokensOut ?? 0));
  const latency = mean(answered.map((c) => c.reading?.provenance?.latencyMs ?? 0));
  const cost =
    input.priceIn !== undefined && input.priceOut !== undefined
      ? `$${((tokensIn * input.priceIn + tokensOut * input.priceOut) / 1_000_000).toFixed(4)} per PR`
      : "pass `--price-in` and `--price-out` (US$ per million tokens) for a cost";
  const findings = (group: readonly ReadCommit[]) =>
    `${mean(group.map((c) => c.reading?.findings.length ?? 0)).toFixed(2)}`;
  const unavailable = [
    ...new Set(read.flatMap((c) => (c.reading?.status === "unavailable" ? [c.reading.reason] : []))),
  ];
  return [
    "# Second reader evaluation",
    "",
    input.header,
    "",
    "| label | commits: labelled / other | AUC, rules alone | AUC, rules + reader |",
    "| --- | --- | --- | --- |",
    row("fix-inducing", read.filter(isFixInducing)),
    row("fix-inducing or reverted", read.filter(isBad)),
    "",
    `Answered: ${status("read")} of ${read.length}; unavailable: ${status("unavailable")}; skipped: ${status("skipped")}; not opened: ${input.failed.length}.`,
    "",
    `Per answered PR: ${Math.round(tokensIn)} tokens in, ${Math.round(tokensOut)} out, ${(latency / 1000).toFixed(1)} s; ${cost}.`,
    "",
    `Verified findings per PR: ${findings(read.filter(isBad))} on labelled commits, ${findings(other)} on the others; findings dropped in all: ${read.reduce((n, c) => n + (c.reading?.dropped ?? 0), 0)}.`,
    ...(unavailable.length > 0 ? ["", "Why the reader was unavailable:", ...unavailable.map((r) => `- ${r}`)] : []),
    ...(input.failed.length > 0 ? ["", "Commits not opened:", ...input.failed.map((f) => `- ${f}`)] : []),
    "",
  ].join("\n");
}

function auc(bad: readonly number[], other: readonly number[]): string {
  const result: AucInterval = bootstrapAuc(bad, other);
  return result.ok ? `${result.auc.toFixed(2)} (${result.low.toFixed(2)}–${result.high.toFixed(2)})` : result.reason;
}
