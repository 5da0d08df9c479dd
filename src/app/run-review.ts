import { signOutcome } from "../decide/check-outcome.js";
import { traceSubjectChange } from "../decide/trace-subject-change.js";
import { locateGitHubChange, type GitHubChangeRef, type LocatedChange } from "../gather/github/github-change.js";
import type { RepoRef } from "../gather/github/github-client.js";
import { statusOf } from "../gather/github/http-status.js";
import type { GateState } from "../gather/github/required-check.js";
import { checkOutput } from "../publish/check-output.js";
import { showCheckRunProgress } from "../publish/check-run.js";
import type { StickyState } from "../publish/sticky-comment.js";
import { judgeChange } from "./judge-change.js";
import { supersededBeforeStart, supersededWhileReviewing } from "./newer-push.js";
import { publishReview, type Reviewed, type ReviewResult } from "./publish-review.js";
import { locationBanners } from "./review-banners.js";
import type { ReviewDeps } from "./review-deps.js";
import { jobKey, type ReviewJob } from "./review-job.js";
import { startReviewCheck, type ReviewCheck } from "./start-review-check.js";
import { createStickyReader } from "./sticky-reader.js";

/**
 * One review, from webhook facts to a completed check run, in four steps: start the check, open
 * the change, judge it, publish the verdict. Whatever fails after the check run exists ends it as
 * `failure` with the reason: never left running, never passed by default. A push that a newer push
 * has already replaced is not reviewed (`newer-push.ts`). A conductor's sign-off on this commit
 * turns the verdict it covers into success (`decide/check-outcome.ts`), recorded in the summary
 * and the sticky comment.
 */
export async function runReview(job: ReviewJob, deps: ReviewDeps): Promise<ReviewResult> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const newest = await supersededBeforeStart(job, deps.latestHeads);
  if (newest !== undefined) {
    deps.log.info(
      { job: jobKey(job), headSha: job.headSha, newest },
      "superseded by a newer push before it started: not reviewed",
    );
    // A check run created when the job arrived is completed, never left in_progress.
    if ((await deps.earlyCheckRun) !== undefined) {
      const check = await startReviewCheck(job, repo, deps);
      const output = checkOutput({ kind: "superseded", newerSha: newest }, check.pending, {});
      await publishReview(job, repo, check, { output, requestedApplied: false, superseded: true }, noSticky, deps);
    }
    return { signOffApplied: false, superseded: true };
  }
  const check = await startReviewCheck(job, repo, deps);
  const readSticky = createStickyReader(job, repo, deps);
  const reviewed = await openAndJudge(job, repo, check, readSticky, deps);
  return publishReview(job, repo, check, reviewed, readSticky, deps);
}

/** Opens the change on GitHub and judges it; any failure becomes a `failed` outcome with its reason. */
async function openAndJudge(
  job: ReviewJob,
  repo: RepoRef,
  check: ReviewCheck,
  readSticky: () => Promise<StickyState>,
  deps: ReviewDeps,
): Promise<Reviewed> {
  let located: LocatedChange | undefined;
  try {
    located = await locateGitHubChange(deps.octokit, repo, changeRef(job), (sha, changed) =>
      deps.snapshots(deps.octokit, repo, sha, changed),
    );
    const currentHead = located.pull?.headSha;
    const provenance = { ...check.pending, baseSha: located.baseSha };
    // Asked again just before the content is fetched: a push that came while the PR was read saves the download.
    const newerSha =
      (await supersededWhileReviewing(job, currentHead, deps.latestHeads)) ??
      (await supersededBeforeStart(job, deps.latestHeads));
    if (newerSha !== undefined) {
      const output = checkOutput({ kind: "superseded", newerSha }, provenance, {});
      return { output, requestedApplied: false, superseded: true, ...(currentHead ? { currentHead } : {}) };
    }
    // The comment holds only sign-offs and the last verdict: when GitHub will not list it, the
    // verdict goes on without them (failing closed: no sign-off applies) rather than failing.
    const sticky = readSticky().catch((error: unknown): StickyState => {
      deps.log.warn(
        { err: error, job: jobKey(job) },
        "could not read the sticky comment: judged without its sign-offs",
      );
      return { signOffs: [] };
    });
    const [change, gate] = await Promise.all([located.open(), gateOf(located, repo, deps)]);
    const reading = {
      ...(job.kind === "pull_request" ? { pullNumber: job.pullNumber } : {}),
      onAsking: () =>
        showCheckRunProgress(deps.octokit, repo, check.id, READER_PROGRESS).catch((error: unknown) =>
          deps.log.warn({ err: error, job: jobKey(job) }, "could not say the second reader is being asked"),
        ),
    };
    const [judged, state] = await Promise.all([
      judgeChange(located, change, gate, provenance, repo, deps, reading),
      sticky,
    ]);
    const outcome =
      judged.outcome.kind === "verdict"
        ? { ...judged.outcome, verdict: traceSubjectChange(judged.outcome.verdict, state.verdict) }
        : judged.outcome;
    const signed = signOutcome(
      outcome,
      state.signOffs,
      job.kind === "pull_request" ? job.signOff : undefined,
      job.headSha,
    );
    return {
      output: checkOutput(signed.outcome, judged.provenance, judged.extras),
      ...(outcome.kind === "verdict" ? { verdict: outcome.verdict } : {}),
      requestedApplied: signed.requestedApplied,
      superseded: false,
      ...(currentHead ? { currentHead } : {}),
      ...(judged.podium ? { podium: judged.podium } : {}),
    };
  } catch (error) {
    deps.log.error({ err: error, job: jobKey(job), headSha: job.headSha }, "review failed");
    const output = checkOutput({ kind: "failed", reason: reasonOf(error) }, check.pending, {
      banners: located ? locationBanners(located) : [],
    });
    return {
      output,
      requestedApplied: false,
      superseded: false,
      ...(located?.pull ? { currentHead: located.pull.headSha } : {}),
    };
  }
}

/** A superseded review reads no sticky comment. */
const noSticky = (): Promise<StickyState> => Promise.resolve({ signOffs: [] });

/** The in-progress output while the model reads: SPEC's "rules done; waiting for the second reader". */
const READER_PROGRESS = {
  title: "Rules done; waiting for the second reader",
  summary:
    "The rules have judged this change. The second reader (`llm:` in the score) is reading the diff; the check completes when it answers or times out (`llm.timeout_s`).",
};

function changeRef(job: ReviewJob): GitHubChangeRef {
  return job.kind === "merge_group"
    ? { kind: "merge-group", baseSha: job.baseSha, headSha: job.headSha }
    : { kind: "pull", pullNumber: job.pullNumber, headSha: job.headSha };
}

/** Whether the Maestro check can block a merge on the PR's base branch: advice, never a reason to fail. */
function gateOf(located: LocatedChange, repo: RepoRef, deps: ReviewDeps): Promise<GateState> {
  const baseRef = located.pull?.baseRef;
  return baseRef !== undefined && deps.gates
    ? deps.gates(deps.octokit, repo, baseRef, deps.log)
    : Promise.resolve("unknown");
}

function reasonOf(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 403 || status === 429) return `GitHub's rate limit stopped the review (${status}: ${message}).`;
  if (status !== undefined && status >= 500) return `GitHub kept failing (${status}: ${message}).`;
  return message;
}
