import type { Logger } from "probot";
import type { GraphCache } from "../analyse/conformance/graph-cache.js";
import type { Note } from "../analyse/note.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { listComparedFiles, listPullRequestFiles, type ChangedFiles } from "../gather/github/list-changed-files.js";
import { createSnapshotChange } from "../gather/snapshot-change.js";
import { completeCheckRun, startCheckRun } from "../publish/check-run.js";
import { checkOutput, externalId, type CheckOutput, type OutputExtras, type Provenance } from "../publish/check-output.js";
import type { Outcome } from "../publish/check-outcome.js";
import { applicableSignOff, type SignOff } from "../publish/sign-off.js";
import { readSticky, stickyBody, writeSticky, type StickyState } from "../publish/sticky-comment.js";
import { reviewChange, type Review } from "../review/review-change.js";
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
  readonly onReviewed?: (conclusion: string, seconds: number) => void;
  /** Whether the Maestro check is required on a branch (cached); absent means do not ask. */
  readonly gates?: GateCache;
}

interface Target {
  readonly baseSha: string;
  readonly files: () => Promise<ChangedFiles>;
  readonly authorship?: { login?: string; branch?: string; labels?: string[] };
  readonly banners: string[];
  readonly pullNumber?: number;
  /** The PR's head when it was read: a review of any other commit leaves the sticky comment alone. */
  readonly currentHead?: string;
  readonly baseRef?: string;
}

interface Judged {
  readonly outcome: Outcome;
  readonly provenance: Provenance;
  readonly extras: OutputExtras;
  readonly review?: Review;
}

/**
 * One review, from webhook facts to a completed check run: `in_progress` first, then the verdict.
 * Whatever fails after the check run exists ends it as `failure` with the reason: never left
 * running, never passed by default. A conductor's sign-off on this commit turns the verdict it
 * covers into success, recorded in the summary and the sticky comment.
 */
export async function runReview(job: ReviewJob, deps: ReviewDeps): Promise<void> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const { octokit, log } = deps;
  const started = Date.now();
  const web = `${webBase(octokit)}/${job.owner}/${job.repo}`;
  const detailsUrl = job.kind === "pull_request" ? `${web}/pull/${job.pullNumber}` : `${web}/queue`;
  const pending: Provenance = { headSha: job.headSha, baseSha: job.kind === "merge_group" ? job.baseSha : "pending", maestroVersion: deps.version };
  // First write, before anything that can fail: the PR shows Maestro at work within a second. A
  // check run left unfinished by a crash is taken over rather than doubled.
  const checkRunId = job.checkRunId ?? (await startCheckRun(octokit, repo, job.headSha, detailsUrl, externalId(pending)));

  let output: CheckOutput;
  let judged: Judged | undefined;
  let sticky: StickyState = { signOffs: [] };
  let banners: string[] = [];
  let currentHead: string | undefined;
  const requested = job.kind === "pull_request" ? job.signOff : undefined;
  try {
    const target = await describeTarget(job, octokit, repo);
    banners = target.banners;
    currentHead = target.currentHead;
    const [result, state] = await Promise.all([
      judge(job, target, deps, repo, { ...pending, baseSha: target.baseSha }),
      target.pullNumber === undefined ? Promise.resolve(sticky) : deps.ownLogin().then((login) => readSticky(octokit, repo, target.pullNumber as number, login)),
    ]);
    judged = result;
    sticky = state;
    output = checkOutput(withSignOff(result.outcome, [...sticky.signOffs, ...(requested ? [requested] : [])], job.headSha), result.provenance, result.extras);
  } catch (error) {
    log.error({ err: error, job: jobKey(job), headSha: job.headSha }, "review failed");
    output = checkOutput({ kind: "failed", reason: reasonOf(error) }, pending, { banners });
  }
  await completeCheckRun(octokit, repo, checkRunId, output, detailsUrl);
  deps.onReviewed?.(output.conclusion, (Date.now() - started) / 1000);

  if (job.kind !== "pull_request") return;
  const verdict = judged?.outcome.kind === "verdict" ? judged.outcome.verdict : undefined;
  if (requested && verdict && applicableSignOff([requested], job.headSha, verdict.verdict) === undefined) {
    await replyRefusedSignOff(octokit, repo, job.pullNumber, requested, verdict.verdict, log);
  }
  const newest = (await deps.latestHeads.get(jobKey(job))) ?? currentHead;
  if (newest !== job.headSha) {
    log.info({ job: jobKey(job), headSha: job.headSha }, "a newer push arrived: leaving the sticky comment to its review");
    return;
  }
  const signOffs = [...sticky.signOffs, ...(requested && verdict && applicableSignOff([requested], job.headSha, verdict.verdict) ? [requested] : [])];
  try {
    await writeSticky(octokit, repo, job.pullNumber, sticky.commentId, stickyBody(output.summary, verdict, job.headSha, signOffs));
  } catch (error) {
    // The verdict is published; the comment only mirrors it.
    log.warn({ err: error, job: jobKey(job) }, "could not update the sticky comment");
  }
}

function withSignOff(outcome: Outcome, signOffs: readonly SignOff[], sha: string): Outcome {
  if (outcome.kind !== "verdict") return outcome;
  const signOff = applicableSignOff(signOffs, sha, outcome.verdict.verdict);
  return signOff ? { ...outcome, signOff } : outcome;
}

async function replyRefusedSignOff(octokit: GitHubClient, { owner, repo }: RepoRef, pullNumber: number, signOff: SignOff, verdict: string, log: Logger): Promise<void> {
  const why =
    verdict === "pass"
      ? "this commit passes: there is nothing to sign off."
      : `this commit is **blocked**: \`approve\` only covers a conductor verdict. A conductor may \`/maestro override <reason>\`.`;
  try {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body: `@${signOff.by} your ${signOff.kind} was not applied: ${why}` });
  } catch (error) {
    log.warn({ err: error }, "could not reply to a sign-off");
  }
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
    target.baseRef && deps.gates ? deps.gates(deps.octokit, repo, target.baseRef) : Promise.resolve("unknown"),
  ]);
  if (gate === "not-required") {
    target.banners.push(
      `The Maestro check is not required on \`${target.baseRef}\`: this verdict cannot block a merge. \`npx maestro protect --repo ${repo.owner}/${repo.repo} --branch ${target.baseRef}\` makes it required.`,
    );
  }
  const loaded = await loadRepoScore(deps.octokit, repo, base);
  const withScore: Provenance = loaded.kind === "found" ? { ...provenance, scoreCommit: target.baseSha, scoreBlob: loaded.blobSha } : provenance;
  const extras = { banners: target.banners };
  if (loaded.kind === "missing") return { outcome: { kind: "no-score" }, provenance: withScore, extras };
  if (!loaded.parsed.ok) return { outcome: { kind: "invalid-score", problems: loaded.parsed.problems }, provenance: withScore, extras };
  if (loaded.extendedFrom) target.banners.push(`Score extends ${loaded.extendedFrom}.`);

  const notes: Note[] = [];
  if (listing.truncated) {
    notes.push({ unjudged: true, message: `GitHub lists only the first ${listing.files.length} changed files: the rest were not judged` });
    target.banners.push(`This change is too large for GitHub to list whole (${listing.files.length}+ files): it was judged on what GitHub listed, and needs a conductor.`);
  }
  const change = createSnapshotChange({ baseSha: target.baseSha, headSha: job.headSha, files: listing.files, base, head });
  const review = await reviewChange({ score: loaded.parsed.score, change, scope: "change", cache: deps.graphs, authorship: target.authorship, notes });
  return { outcome: { kind: "verdict", verdict: review.verdict }, provenance: withScore, extras: { ...extras, graphs: { head: review.headGraph, base: review.baseGraph } }, review };
}

async function describeTarget(job: ReviewJob, octokit: GitHubClient, repo: RepoRef): Promise<Target> {
  if (job.kind === "merge_group") {
    return {
      baseSha: job.baseSha,
      files: () => listComparedFiles(octokit, repo, job.baseSha, job.headSha),
      banners: ["Merge queue: judged on the group's own change. Each PR's Maestro check had to pass (or be signed off) for it to enter the queue."],
    };
  }
  // The payload may be stale by the time the job runs (a Re-run hours later): read the PR as it is now.
  const { data: pr } = await octokit.rest.pulls.get({ owner: job.owner, repo: job.repo, pull_number: job.pullNumber });
  return {
    baseSha: pr.base.sha,
    files: () => listPullRequestFiles(octokit, repo, job.pullNumber, pr.changed_files),
    authorship: { login: pr.user.login, branch: pr.head.ref, labels: pr.labels.map((l) => l.name) },
    banners: pr.draft ? ["Draft PR: judged as it is now; it will be judged again when it is ready for review."] : [],
    pullNumber: job.pullNumber,
    currentHead: pr.head.sha,
    baseRef: pr.base.ref,
  };
}

function reasonOf(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 403 || status === 429) return `GitHub's rate limit stopped the review (${status}: ${message}).`;
  if (status !== undefined && status >= 500) return `GitHub kept failing (${status}: ${message}).`;
  return message;
}
