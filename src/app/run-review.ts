import type { Logger } from "probot";
import type { GraphCache } from "../analyse/conformance/graph-cache.js";
import type { Note } from "../analyse/note.js";
import type { Verdict } from "../decide/verdict.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { statusOf } from "../gather/github/http-status.js";
import { createSnapshotChange } from "../gather/snapshot-change.js";
import { completeCheckRun, startCheckRun } from "../publish/check-run.js";
import { checkOutput, externalId, type CheckOutput, type OutputExtras, type Provenance } from "../publish/check-output.js";
import type { Outcome } from "../publish/check-outcome.js";
import { applicableSignOff, type SignOff } from "../publish/sign-off.js";
import type { SignOffSeal } from "../publish/sign-off-seal.js";
import { readSticky, stickyBody, writeSticky, type StickyScope, type StickyState } from "../publish/sticky-comment.js";
import { reviewChange, type Review } from "../review/review-change.js";
import { describeTarget, type Target } from "./describe-target.js";
import type { GateCache } from "./gate-cache.js";
import type { LatestHeads } from "./latest-heads.js";
import { loadRepoScore } from "./load-repo-score.js";
import { jobKey, type ReviewJob } from "./review-job.js";
import type { SnapshotCache } from "./snapshot-cache.js";

export interface ReviewDeps {
  readonly octokit: GitHubClient;
  readonly log: Logger;
  readonly snapshots: SnapshotCache;
  readonly graphs: GraphCache;
  /** The newest head SHA seen per PR: an older review must not overwrite a newer one's comment. */
  readonly latestHeads: LatestHeads;
  readonly version: string;
  /** Maestro's own bot login (a GitHub call, cached): only its comment is the sticky one. */
  readonly ownLogin: () => Promise<string>;
  /** Seals the sign-offs kept in the sticky comment, and checks the seal when reading them. */
  readonly seal: SignOffSeal;
  readonly onReviewed?: (conclusion: string, seconds: number) => void;
  /** Whether the Maestro check is required on a branch (cached); absent means do not ask. */
  readonly gates?: GateCache;
  /** Pauses before trying the completing write again (tests shorten them). */
  readonly completionRetryDelaysMs?: readonly number[];
  /** Told the id of a newly created check run, so a queue that survives this process can hand it on. */
  readonly onCheckRunStarted?: CheckRunStarted;
}

export type CheckRunStarted = (checkRunId: number) => Promise<void>;

/** What became of a review: the command that asked for it answers from this. */
export interface ReviewResult {
  readonly verdict?: Verdict["verdict"];
  /** The sign-off carried by the job turned this commit's verdict into success. */
  readonly signOffApplied: boolean;
  /** A newer push made this review pointless: nothing, or only a `cancelled` check, was written. */
  readonly superseded: boolean;
}

interface Judged {
  readonly outcome: Outcome;
  /** Sign-offs kept in the sticky comment for this head. */
  readonly signOffs?: readonly SignOff[];
  readonly provenance: Provenance;
  readonly extras: OutputExtras;
  readonly review?: Review;
}

/**
 * One review, from webhook facts to a completed check run: `in_progress` first, then the verdict.
 * Whatever fails after the check run exists ends it as `failure` with the reason: never left
 * running, never passed by default. A push that a newer push has already replaced is not reviewed.
 * A conductor's sign-off on this commit turns the verdict it covers into success, recorded in the
 * summary and the sticky comment.
 */
export async function runReview(job: ReviewJob, deps: ReviewDeps): Promise<ReviewResult> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const { octokit, log } = deps;
  if (job.kind === "pull_request" && job.trigger === "push" && job.checkRunId === undefined) {
    const newest = await deps.latestHeads.get(jobKey(job));
    if (newest !== undefined && newest !== job.headSha) {
      log.info({ job: jobKey(job), headSha: job.headSha, newest }, "superseded by a newer push before it started: not reviewed");
      return { signOffApplied: false, superseded: true };
    }
  }
  const started = Date.now();
  const web = `${webBase(octokit)}/${job.owner}/${job.repo}`;
  const detailsUrl = job.kind === "pull_request" ? `${web}/pull/${job.pullNumber}` : `${web}/queue`;
  const pending: Provenance = { headSha: job.headSha, baseSha: job.kind === "merge_group" ? job.baseSha : "pending", maestroVersion: deps.version };
  // First write, before anything that can fail: the PR shows Maestro at work within a second. A
  // check run left unfinished by a crash is taken over rather than doubled.
  const checkRunId = job.checkRunId ?? (await startCheckRun(octokit, repo, job.headSha, detailsUrl, externalId(pending)));
  if (job.checkRunId === undefined) await deps.onCheckRunStarted?.(checkRunId).catch((error: unknown) => log.warn({ err: error }, "could not record the check run on the queued job"));

  const requested = job.kind === "pull_request" ? job.signOff : undefined;
  let target: Target | undefined;
  let judged: Judged | undefined;
  // Read once, whether by the review or (when the review failed first) by the comment's write.
  let stickyRead: Promise<StickyState> | undefined;
  const readStickyOnce = () =>
    (stickyRead ??= readOwnSticky(job.kind === "pull_request" ? job.pullNumber : undefined, deps, repo).catch((error: unknown) => {
      stickyRead = undefined;
      throw error;
    }));
  let output: CheckOutput;
  try {
    target = await describeTarget(job, octokit, repo);
    const newerPush = await supersededBy(job, target, deps);
    if (newerPush !== undefined) {
      judged = { outcome: { kind: "superseded", newerSha: newerPush }, provenance: { ...pending, baseSha: target.baseSha }, extras: {} };
    } else {
      // The comment holds only sign-offs and the last verdict: when GitHub will not list it, the
      // verdict goes on without them (failing closed: no sign-off applies) rather than failing.
      const sticky = readStickyOnce().catch((error: unknown) => {
        log.warn({ err: error, job: jobKey(job) }, "could not read the sticky comment: judged without its sign-offs");
        return { signOffs: [] } as StickyState;
      });
      const [result, state] = await Promise.all([judge(job, target, deps, repo, { ...pending, baseSha: target.baseSha }), sticky]);
      judged = { ...traceSubjectChange(result, state.verdict), signOffs: state.signOffs };
    }
    output = checkOutput(withSignOff(judged.outcome, [...(judged.signOffs ?? []), ...(requested ? [requested] : [])], job.headSha), judged.provenance, judged.extras);
  } catch (error) {
    log.error({ err: error, job: jobKey(job), headSha: job.headSha }, "review failed");
    output = checkOutput({ kind: "failed", reason: reasonOf(error) }, pending, { banners: target?.banners ?? [] });
  }
  await completeCheckRun(octokit, repo, checkRunId, output, detailsUrl, deps.completionRetryDelaysMs);
  deps.onReviewed?.(output.conclusion, (Date.now() - started) / 1000);

  const verdict = judged?.outcome.kind === "verdict" ? judged.outcome.verdict : undefined;
  const signOffApplied = requested !== undefined && verdict !== undefined && applicableSignOff([requested], job.headSha, verdict.verdict) !== undefined;
  const result: ReviewResult = { ...(verdict ? { verdict: verdict.verdict } : {}), signOffApplied, superseded: judged?.outcome.kind === "superseded" };
  if (job.kind !== "pull_request" || result.superseded) return result;

  const newest = (await deps.latestHeads.get(jobKey(job))) ?? target?.currentHead;
  if (newest !== undefined && newest !== job.headSha) {
    log.info({ job: jobKey(job), headSha: job.headSha }, "a newer push arrived: leaving the sticky comment to its review");
    return result;
  }
  try {
    // A review that failed before reading the comment reads it now: edited in place, never doubled, its sign-offs kept.
    const current = await readStickyOnce();
    const signOffs = [...current.signOffs, ...(signOffApplied && requested ? [requested] : [])];
    const scope: StickyScope = { repo, pullNumber: job.pullNumber, seal: deps.seal };
    await writeSticky(octokit, repo, job.pullNumber, current.commentId, stickyBody(output.summary, verdict, job.headSha, signOffs, scope));
  } catch (error) {
    // The verdict is published; the comment only mirrors it.
    log.warn({ err: error, job: jobKey(job) }, "could not update the sticky comment");
  }
  return result;
}

/**
 * The newer head that makes reviewing this one pointless: only for a push (or the reconciler's
 * retry of one), and only when GitHub's answer and the newest push Maestro has seen agree, so a
 * PR read a moment too early never cancels the real newest head.
 */
async function supersededBy(job: ReviewJob, target: Target, deps: ReviewDeps): Promise<string | undefined> {
  if (job.kind !== "pull_request" || (job.trigger !== "push" && job.trigger !== "reconcile")) return undefined;
  if (target.currentHead === undefined || target.currentHead === job.headSha) return undefined;
  return (await deps.latestHeads.get(jobKey(job))) === target.currentHead ? target.currentHead : undefined;
}

function withSignOff(outcome: Outcome, signOffs: readonly SignOff[], sha: string): Outcome {
  if (outcome.kind !== "verdict") return outcome;
  const signOff = applicableSignOff(signOffs, sha, outcome.verdict.verdict);
  return signOff ? { ...outcome, signOff } : outcome;
}

async function readOwnSticky(pullNumber: number | undefined, deps: ReviewDeps, repo: RepoRef): Promise<StickyState> {
  if (pullNumber === undefined) return { signOffs: [] };
  return readSticky(deps.octokit, pullNumber, await deps.ownLogin(), { repo, pullNumber, seal: deps.seal });
}

/**
 * A PR judged as an agent's last time and as a human's now (a label removed, a branch renamed) is
 * not silently let off: the verdict says what changed, so a conductor can see it.
 */
function traceSubjectChange(judged: Judged, previous: Verdict | undefined): Judged {
  if (judged.outcome.kind !== "verdict" || !previous?.subject.agent || judged.outcome.verdict.subject.agent) return judged;
  const verdict = judged.outcome.verdict;
  const trace = `judged as a human's PR this time, but the previous review judged it as an agent's (${previous.subject.reason}): what marked it as an agent's no longer matches`;
  return { ...judged, outcome: { ...judged.outcome, verdict: { ...verdict, reasons: [...verdict.reasons, trace] } } };
}

/** https://github.com, or the GitHub Enterprise Server the client talks to (for links people click). */
function webBase(octokit: GitHubClient): string {
  const baseUrl = octokit.request.endpoint.DEFAULTS.baseUrl;
  return baseUrl === "https://api.github.com" ? "https://github.com" : baseUrl.replace(/\/api\/v3\/?$/, "");
}

async function judge(job: ReviewJob, target: Target, deps: ReviewDeps, repo: RepoRef, provenance: Provenance): Promise<Judged> {
  const [base, head, listing, gate] = await Promise.all([
    deps.snapshots(deps.octokit, repo, target.baseSha),
    deps.snapshots(deps.octokit, repo, job.headSha),
    target.files(),
    target.baseRef && deps.gates ? deps.gates(deps.octokit, repo, target.baseRef, deps.log) : Promise.resolve("unknown"),
  ]);
  const banners = [...target.banners];
  if (gate === "not-required") {
    banners.push(
      `The Maestro check is not required on \`${target.baseRef}\`: this verdict cannot block a merge. \`npx maestro protect --repo ${repo.owner}/${repo.repo} --branch ${target.baseRef}\` makes it required.`,
    );
  }
  const loaded = await loadRepoScore(deps.octokit, repo, base, target.baseSha);
  const withScore: Provenance = loaded.kind === "found" ? { ...provenance, scoreCommit: target.baseSha, scoreBlob: loaded.blobSha } : provenance;
  if (loaded.kind === "missing") return { outcome: { kind: "no-score" }, provenance: withScore, extras: { banners } };
  if (!loaded.parsed.ok) return { outcome: { kind: "invalid-score", problems: loaded.parsed.problems }, provenance: withScore, extras: { banners } };
  if (loaded.extendedFrom) banners.push(`Score extends ${loaded.extendedFrom}.`);

  const notes: Note[] = [];
  if (listing.truncated) {
    notes.push({ unjudged: true, message: `GitHub lists only the first ${listing.files.length} changed files: the rest were not judged` });
    banners.push(`This change is too large for GitHub to list whole (${listing.files.length}+ files): it was judged on what GitHub listed, and needs a conductor.`);
  }
  const change = createSnapshotChange({ baseSha: target.baseSha, headSha: job.headSha, files: listing.files, base, head });
  const review = await reviewChange({ score: loaded.parsed.score, change, scope: "change", cache: deps.graphs, authorship: target.authorship, notes });
  return { outcome: { kind: "verdict", verdict: review.verdict }, provenance: withScore, extras: { banners, graphs: { head: review.headGraph, base: review.baseGraph } }, review };
}

function reasonOf(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 403 || status === 429) return `GitHub's rate limit stopped the review (${status}: ${message}).`;
  if (status !== undefined && status >= 500) return `GitHub kept failing (${status}: ${message}).`;
  return message;
}
