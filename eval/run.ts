import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SIGNAL_IDS } from "../src/checks/signals/index.js";
import { createDiskGraphCache } from "../src/cli/disk-graph-cache.js";
import { commitsCsv } from "./commits-csv.js";
import { inferWindowScore } from "./infer-window-score.js";
import { graphCodeVersion } from "./graph-code-version.js";
import { judgeCommit } from "./judge-commit.js";
import type { FailedCommit, JudgedCommit, SampledCommit } from "./judged-commit.js";
import { labelCommits } from "./label-commits.js";
import { measureRisk } from "./measure-risk.js";
import { progressBar } from "./progress-bar.js";
import { readHistory } from "./read-history.js";
import { renderReport } from "./render-report.js";
import { rocSvg } from "./roc-svg.js";
import { sampleCommits } from "./sample-commits.js";

/**
 * `npm run eval:risk -- --repo DIR [--since DATE] [--until DATE] [--sample N] [--seed S] [--out DIR]`:
 * labels a repository's first-parent history (reverted, fix-inducing), judges a sample of it with
 * Maestro as agent changes, and writes how well the risk score tells the bad commits from the others.
 */
const { values } = parseArgs({
  strict: true,
  options: {
    repo: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    sample: { type: "string" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "eval-out" },
    cache: { type: "string", default: join(tmpdir(), "maestro-eval-graph-cache") },
    timeout: { type: "string", default: "300" },
  },
});
if (!values.repo) usage("--repo DIR is required");
const repoDir = resolve(values.repo as string);
const outDir = resolve(values.out);
const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
const cap = values.sample === undefined ? undefined : Number(values.sample);
for (const [flag, date] of [
  ["--since", values.since],
  ["--until", values.until],
] as const)
  if (date !== undefined && Number.isNaN(new Date(date).getTime())) usage(`${flag} ${date} is not a date`);
if (cap !== undefined && !(Number.isInteger(cap) && cap > 0))
  usage(`--sample ${values.sample} is not a positive whole number`);
const started = Date.now();
// Read before judging: the figures describe the code built now, whatever is committed meanwhile.
const maestroRoot = fileURLToPath(new URL("../..", import.meta.url));
const git = (...args: string[]) => execFileSync("git", args, { cwd: maestroRoot, encoding: "utf8" });
const maestroCommit = git("rev-parse", "--short=10", "HEAD").trim();
const maestroUncommitted = git("status", "--porcelain", "--", "src")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.slice(3));

const history = await readHistory(repoDir);
const inWindow = (date: string) =>
  (values.since === undefined || new Date(date) >= new Date(values.since)) &&
  (values.until === undefined || new Date(date) < new Date(values.until));
// A root commit has no parent to judge it against.
const window = history.firstParent.filter((sha) => {
  const commit = history.commits.get(sha);
  return commit !== undefined && commit.parents.length > 0 && inWindow(commit.date);
});
if (window.length === 0) throw new Error(`no first-parent commit of ${repoDir} in the window`);
const start = history.commits.get(window[0] as string)?.parents[0] as string;

const labelling = await labelCommits({ repoDir, history, boundary: start, onProgress: bar("labelling fixes") });
const windowSet = new Set(window);
const inWindowWith = (test: (l: { fixedBy: readonly string[]; revertedBy: readonly string[] }) => boolean) =>
  new Set([...labelling.labels].filter(([sha, l]) => windowSet.has(sha) && test(l)).map(([sha]) => sha));
const fixInducing = inWindowWith((l) => l.fixedBy.length > 0);
const reverted = inWindowWith((l) => l.revertedBy.length > 0);
const sample = sampleCommits({ window, fixInducing, reverted, seed, ...(cap === undefined ? {} : { cap }) });

const { score, text } = await inferWindowScore(repoDir, start);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "score.yml"), text);

// Graphs are shared by every run of the same built code: a rerun judges each base without rebuilding it.
const cache = createDiskGraphCache(
  join(resolve(values.cache), graphCodeVersion(fileURLToPath(new URL("..", import.meta.url)))),
);
const judged: JudgedCommit[] = [];
const failed: FailedCommit[] = [];
const position = new Map(window.map((sha, i) => [sha, i]));
// In history order: neighbours share most of their trees, so git's caches stay warm.
const order = [...sample.labelled, ...sample.others].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
const progress = bar("judging");
for (const sha of order) {
  const commit = history.commits.get(sha);
  const labels = labelling.labels.get(sha);
  const sampled: SampledCommit = {
    sha,
    date: commit?.date ?? "",
    subject: commit?.subject ?? "",
    fixedBy: labels?.fixedBy ?? [],
    revertedBy: labels?.revertedBy ?? [],
  };
  const result = await judgeCommit({ repoDir, sha, score, cache, timeoutMs: Number(values.timeout) * 1000 });
  if (result.ok) judged.push({ ...sampled, ...result.judgement });
  else failed.push({ ...sampled, error: result.error });
  progress(judged.length + failed.length, order.length, failed.length);
}

const thresholds = { reviewAt: score.risk.review_at, blockAt: score.risk.block_at };
const figures = measureRisk(judged, { ...thresholds, signalIds: SIGNAL_IDS, seed, resamples: 1000 });
const signalIds = figures.signals.map((s) => s.id);
writeFileSync(join(outDir, "commits.csv"), commitsCsv(judged, failed, signalIds));
// The rows as they are, for featureMatrix() when weights are fitted, without judging again.
writeFileSync(join(outDir, "commits.json"), `${JSON.stringify({ judged, failed }, null, 1)}\n`);
for (const [file, label] of [
  ["roc-fix.svg", "fix-inducing"],
  ["roc-revert.svg", "reverted"],
] as const) {
  const l = figures.labels.find((x) => x.label === label);
  writeFileSync(
    join(outDir, file),
    rocSvg(`ROC, ${label} (${l?.bad ?? 0}) against other (${l?.other ?? 0})`, [
      { label: `risk score, AUC ${aucText(l?.risk)}`, points: l?.roc.risk ?? [], color: "#d62728" },
      { label: `lines changed, AUC ${aucText(l?.lines)}`, points: l?.roc.lines ?? [], color: "#1f77b4" },
    ]),
  );
}
const report = renderReport(figures, {
  command: `npm run eval:risk -- ${process.argv.slice(2).join(" ")}`,
  repo: repoDir,
  window: { since: values.since, until: values.until, commits: window.length },
  startCommit: { sha: start, subject: history.commits.get(start)?.subject ?? "" },
  maestroCommit,
  maestroUncommitted,
  seed: String(seed),
  thresholds,
  modules: score.modules.length,
  sample: {
    labelledInWindow: {
      fixInducing: fixInducing.size,
      reverted: reverted.size,
      any: new Set([...fixInducing, ...reverted]).size,
    },
    labelled: sample.labelled.length,
    othersInWindow: window.filter((sha) => !fixInducing.has(sha) && !reverted.has(sha)).length,
    others: sample.others.length,
  },
  labelling: {
    fixes: labelling.fixes.fixes,
    blamedLines: labelling.fixes.blamedLines,
    blameFailures: labelling.fixes.failures,
    unresolvedReverts: labelling.reverts.unresolved.length,
  },
  failed,
  seconds: (Date.now() - started) / 1000,
});
writeFileSync(join(outDir, "report.md"), report);
console.log(report);
console.error(`wrote ${join(outDir, "report.md")}, commits.csv, commits.json, roc-fix.svg, roc-revert.svg, score.yml`);

function usage(problem: string): never {
  console.error(
    `${problem}\nusage: npm run eval:risk -- --repo DIR [--since DATE] [--until DATE] [--sample N] [--seed S] [--out DIR] [--cache DIR] [--timeout SECONDS]`,
  );
  process.exit(2);
}

function aucText(interval: { ok: boolean; auc?: number } | undefined): string {
  return interval?.ok && interval.auc !== undefined ? interval.auc.toFixed(2) : "none";
}

/** A progress bar on stderr: redrawn in place on a terminal, a line every 5 % otherwise (a log). */
function bar(stage: string) {
  const begun = Date.now();
  let lastShown = -1;
  return (done: number, total: number, failed = 0) => {
    const line = `${stage} ${progressBar({ done, total, failed, elapsedMs: Date.now() - begun })}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K${done === total ? "\n" : ""}`);
    else {
      const step = Math.floor((done / Math.max(1, total)) * 20);
      if (step !== lastShown || done === total) process.stderr.write(`${line}\n`);
      lastShown = step;
    }
  };
}
