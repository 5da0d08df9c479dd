import type { Contention, Orchestra } from "../analyse/contention/index.js";
import { codeSpan } from "./markdown-text.js";

/** Shared files named per PR, at most: the rest are counted. */
const SHOWN_FILES = 3;

const VERDICT_MARK = { pass: "✅ pass", conductor: "🟡 conductor", block: "⛔ block" } as const;

/** The rule behind the merge order, in one sentence (merge-order.ts). */
export const MERGE_ORDER_RULE =
  "the PR whose merge invalidates fewer of the open PRs (by a shared file or a moving public API) goes first; then the one with fewer changed files, then the older one";

/**
 * The summary's part on the other open PRs: each one this PR overlaps with its verdict, the order to merge them in,
 * and how far the comparison looked. Nothing when no other PR was read. Logins, branches and paths come from other
 * PRs, so they stand in code spans: no @mention reaches anyone, no HTML renders.
 */
export function otherInstrumentsMarkdown(contention: readonly Contention[], orchestra: Orchestra): string[] {
  if (orchestra.compared === 0 && orchestra.unread.length === 0) return [];
  const parts = ["", "### Other instruments", ""];
  if (contention.length === 0)
    parts.push(`No overlap with the ${others(orchestra.compared)} on ${codeSpan(orchestra.base)}.`);
  else {
    parts.push("| PR | Played by | Verdict | Overlap |", "|---|---|---|---|");
    for (const c of contention)
      parts.push(`| #${c.pr} | ${player(c, codeSpan)} | ${verdictOf(c)} | ${overlapOf(c, codeSpan).join(" · ")} |`);
    parts.push("", `Suggested merge order: ${order(contention, orchestra)}: ${MERGE_ORDER_RULE}.`);
    parts.push("", `Compared ${others(orchestra.compared)} on ${codeSpan(orchestra.base)}.`);
  }
  return [...parts, ...limits(orchestra).flatMap((line) => ["", line])];
}

/** The same, as lines of the CLI's text output. */
export function otherInstrumentsText(contention: readonly Contention[], orchestra: Orchestra): string[] {
  if (orchestra.compared === 0 && orchestra.unread.length === 0) return [];
  const plain = (text: string) => text;
  if (contention.length === 0)
    return [
      "",
      `Other instruments: no overlap with the ${others(orchestra.compared)} on ${orchestra.base}`,
      ...limits(orchestra).map((l) => `  ${l}`),
    ];
  return [
    "",
    `Other instruments: ${contention.length} of the ${others(orchestra.compared)} on ${orchestra.base} overlap`,
    ...contention.map((c) => `  #${c.pr}  ${player(c, plain)}  ${verdictOf(c)}  ${overlapOf(c, plain).join("; ")}`),
    `  merge order: ${order(contention, orchestra)} (${MERGE_ORDER_RULE})`,
    ...limits(orchestra).map((l) => `  ${l}`),
  ];
}

function others(n: number): string {
  return `${n} other open PR${n === 1 ? "" : "s"}`;
}

/** Who plays it: the part (or login), its author when that differs, and whether a human opened it. */
function player(c: Contention, quote: (text: string) => string): string {
  const by = c.agent === c.author ? "" : ` by ${quote(c.author)}`;
  return `${quote(c.agent)}${by}${c.human ? " (human)" : ""}`;
}

function verdictOf(c: Contention): string {
  return c.verdict ? VERDICT_MARK[c.verdict] : "not judged yet";
}

function overlapOf(c: Contention, quote: (text: string) => string): string[] {
  const list = (items: readonly string[], limit = items.length) => {
    const shown = items.slice(0, limit).map(quote).join(", ");
    return items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
  };
  return [
    ...(c.files.length > 0 ? [`files ${list(c.files, SHOWN_FILES)}`] : []),
    ...(c.modules.length > 0 ? [`modules ${list(c.modules)}`] : []),
    ...(c.api.length > 0 ? [`API of ${list(c.api)} moves under an importer`] : []),
  ];
}

/** The merge order; the one number that is no overlapping PR's is this PR's own (0 in a run with no number). */
function order(contention: readonly Contention[], orchestra: Orchestra): string {
  const overlapping = new Set(contention.map((c) => c.pr));
  return orchestra.mergeOrder
    .map((pr) => (overlapping.has(pr) ? `#${pr}` : pr === 0 ? "this PR" : `this PR (#${pr})`))
    .join(" → ");
}

/** How far the comparison did not look: more PRs than were read, PRs unread or read in part. */
function limits(orchestra: Orchestra): string[] {
  const numbers = (prs: readonly number[]) => prs.map((pr) => `#${pr}`).join(", ");
  return [
    ...(orchestra.more ? ["More open PRs exist: only the 50 most recently updated were compared."] : []),
    ...(orchestra.unread.length > 0 ? [`Not read, their overlap is unknown: ${numbers(orchestra.unread)}.`] : []),
    ...(orchestra.partial.length > 0
      ? [`Compared in part, more overlap may hide there: ${numbers(orchestra.partial)}.`]
      : []),
  ];
}
