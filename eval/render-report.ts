import type { AucInterval } from "./bootstrap-auc.js";
import type { FailedCommit } from "./judged-commit.js";
import type { Figures, Share } from "./measure-risk.js";

export interface ReportContext {
  readonly command: string;
  readonly repo: string;
  readonly window: { readonly since?: string; readonly until?: string; readonly commits: number };
  /** The commit the score was inferred at (`maestro init` at the window's start). */
  readonly startCommit: { readonly sha: string; readonly subject: string };
  readonly maestroCommit: string;
  /** Files of Maestro changed but not committed when it ran: the figures describe them too. */
  readonly maestroUncommitted: readonly string[];
  readonly seed: string;
  readonly thresholds: { readonly reviewAt: number; readonly blockAt: number };
  readonly modules: number;
  readonly sample: {
    readonly labelledInWindow: { readonly fixInducing: number; readonly reverted: number; readonly any: number };
    readonly labelled: number;
    readonly othersInWindow: number;
    readonly others: number;
  };
  readonly labelling: {
    readonly fixes: number;
    readonly blamedLines: number;
    readonly blameFailures: readonly { readonly fix: string; readonly path: string; readonly error: string }[];
    readonly unresolvedReverts: number;
  };
  readonly failed: readonly FailedCommit[];
  readonly seconds: number;
}

/** `report.md`: the figures, what they were measured on, and every commit that could not be judged. */
export function renderReport(figures: Figures, context: ReportContext): string {
  const { reviewAt, blockAt } = context.thresholds;
  const row = (name: string, cells: readonly string[]) => `| ${name} | ${cells.join(" | ")} |`;
  const labels = figures.labels;
  const s = context.sample;
  return [
    `# Risk evaluation: ${context.repo}`,
    "",
    `Maestro ${context.maestroCommit}${context.maestroUncommitted.length > 0 ? ` with uncommitted changes to ${context.maestroUncommitted.join(", ")}` : ""}; ` +
      `window ${context.window.since ?? "the first commit"} to ${context.window.until ?? "the last"} ` +
      `(${context.window.commits} first-parent commits); score inferred by \`maestro init\` at ` +
      `${context.startCommit.sha.slice(0, 10)} "${context.startCommit.subject}" (${context.modules} modules, ` +
      `review_at ${reviewAt}, block_at ${blockAt}); seed ${context.seed}; ${Math.round(context.seconds / 60)} min.`,
    "",
    "```",
    context.command,
    "```",
    "",
    `Sample: ${s.labelled} labelled commits of the window's ${s.labelledInWindow.any} ` +
      `(${s.labelledInWindow.fixInducing} fix-inducing, ${s.labelledInWindow.reverted} reverted), and ${s.others} ` +
      `other commits of its ${s.othersInWindow}. Judged: ${figures.judged}; failed: ${context.failed.length}.`,
    "",
    "## Figures",
    "",
    "Each label's commits are ranked against the other commits (those with neither label). AUC is the",
    "Mann–Whitney statistic (ties count half), with a 95 % bootstrap interval (1,000 stratified resamples).",
    "",
    row(
      "measure",
      labels.map((l) => l.label),
    ),
    row(
      "---",
      labels.map(() => "---"),
    ),
    row(
      "commits: labelled / other",
      labels.map((l) => `${l.bad} / ${l.other}`),
    ),
    row(
      "AUC, risk score",
      labels.map((l) => auc(l.risk)),
    ),
    row(
      "AUC, lines changed",
      labels.map((l) => auc(l.lines)),
    ),
    row(
      "AUC, lines changed without lockfiles",
      labels.map((l) => auc(l.linesWithoutLockfiles)),
    ),
    row(
      `recall at review_at (${reviewAt})`,
      labels.map((l) => share(l.recallAtReview)),
    ),
    row(
      `recall at block_at (${blockAt})`,
      labels.map((l) => share(l.recallAtBlock)),
    ),
    "",
    `**Noise**: ${share(figures.noise)} of other commits get a verdict other than pass ` +
      `(${share(figures.noiseBlocked)} blocked); the risk score alone reaches review_at on ${share(figures.riskNoise)}.`,
    "",
    "## ROC curves",
    "",
    `![ROC, fix-inducing](roc-fix.svg) ![ROC, reverted](roc-revert.svg)`,
    "",
    "## Signals",
    "",
    "How often each signal fires on each group, and its mean points per commit of the group (zeros included).",
    "",
    "| signal | fix-inducing | reverted | other | mean points, bad | mean points, other |",
    "|---|---|---|---|---|---|",
    ...figures.signals.map(
      (sig) =>
        `| ${sig.id} | ${share(sig.fires.fixInducing)} | ${share(sig.fires.reverted)} | ${share(sig.fires.other)} | ` +
        `${sig.meanPoints.bad.toFixed(1)} | ${sig.meanPoints.other.toFixed(1)} |`,
    ),
    "",
    "## Labels",
    "",
    '- **reverted**: a later commit says `This reverts commit <sha>`, or is titled `Revert "<subject>"`; both',
    "  ends are mapped to the first-parent commit that landed them (a revert landed with what it reverts is not one).",
    "- **fix-inducing** (SZZ-lite): each later first-parent commit whose subject has a word starting with `fix`,",
    "  `bug` or `hotfix` has the lines it deletes or changes blamed (`git blame -w --first-parent`) in its parent;",
    "  blank, comment-only and bracket-only lines, lockfiles and generated files are left out.",
    `  ${context.labelling.fixes} fix commits read, ${context.labelling.blamedLines} lines blamed, ` +
      `${context.labelling.blameFailures.length} blames failed; ${context.labelling.unresolvedReverts} reverts name a commit not in this history.`,
    ...context.labelling.blameFailures.map(
      (f) => `  - blame of ${f.path} for ${f.fix.slice(0, 10)} failed: ${f.error}`,
    ),
    "",
    "## Commits that could not be judged",
    "",
    ...(context.failed.length === 0
      ? ["None."]
      : context.failed.map((f) => `- ${f.sha.slice(0, 10)} "${f.subject}": ${f.error}`)),
    "",
  ].join("\n");
}

function auc(interval: AucInterval): string {
  return interval.ok
    ? `${interval.auc.toFixed(2)} (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`
    : `none: ${interval.reason}`;
}

function share(s: Share): string {
  return s.of === 0 ? "– (0/0)" : `${Math.round((s.count / s.of) * 100)} % (${s.count}/${s.of})`;
}
