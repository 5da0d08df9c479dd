import type { Verdict } from "../decide/verdict.js";
import type { RepoRef } from "../gather/github/github-client.js";
import { completeCheckRun } from "../publish/check-run.js";
import type { CheckOutput } from "../publish/check-output.js";
import { stickyBody, writeSticky, type StickyState } from "../publish/sticky-comment.js";
import { newerPushSeen } from "./newer-push.js";
import type { ReviewDeps } from "./review-deps.js";
import type { PodiumNews } from "./judge-change.js";
import { tellOrchestra } from "./tell-orchestra.js";
import { jobKey, type ReviewJob } from "./review-job.js";
import type { ReviewCheck } from "./start-review-check.js";

/** A review ready to publish: the check run's output, and what the sticky comment keeps. */
export interface Reviewed {
  readonly output: CheckOutput;
  readonly verdict?: Verdict;
  /** The sign-off given with this review turned its verdict into success: the comment keeps it. */
  readonly requestedApplied: boolean;
  /** A newer push made this review pointless: only a `cancelled` check is written. */
  readonly superseded: boolean;
  /** The PR's head when it was read, if it was. */
  readonly currentHead?: string;
  /** What the podium is told once the verdict is out. */
  readonly podium?: PodiumNews;
}

/** What became of a review: the command that asked for it answers from this. */
export interface ReviewResult {
  readonly verdict?: Verdict["verdict"];
  /** The sign-off carried by the job turned this commit's verdict into success. */
  readonly signOffApplied: boolean;
  /** A newer push made this review pointless: nothing, or only a `cancelled` check, was written. */
  readonly superseded: boolean;
}

/**
 * The verdict's writes: the check run first (it is what blocks or lets a merge through), then the
 * PR's sticky comment, which only mirrors it and so never fails the review. An older review leaves
 * the comment to a newer push's.
 */
export async function publishReview(
  job: ReviewJob,
  repo: RepoRef,
  check: ReviewCheck,
  reviewed: Reviewed,
  readSticky: () => Promise<StickyState>,
  deps: ReviewDeps,
): Promise<ReviewResult> {
  const { output, verdict } = reviewed;
  await completeCheckRun(deps.octokit, repo, check.id, output, check.detailsUrl, deps.completionRetryDelaysMs);
  deps.onReviewed?.(output.conclusion, (Date.now() - check.startedAt) / 1000);

  const result: ReviewResult = {
    ...(verdict ? { verdict: verdict.verdict } : {}),
    signOffApplied: reviewed.requestedApplied,
    superseded: reviewed.superseded,
  };
  if (job.kind !== "pull_request" || reviewed.superseded) return result;
  // After the verdict's own writes: the podium's write never goes before them.
  const tell = () =>
    verdict && reviewed.podium ? tellOrchestra(job, repo, verdict, reviewed.podium, deps) : undefined;
  if (await newerPushSeen(job, reviewed.currentHead, deps.latestHeads)) {
    await tell();
    deps.log.info(
      { job: jobKey(job), headSha: job.headSha },
      "a newer push arrived: leaving the sticky comment to its review",
    );
    return result;
  }
  try {
    const current = await readSticky();
    const signOffs = [...current.signOffs, ...(reviewed.requestedApplied && job.signOff ? [job.signOff] : [])];
    const body = stickyBody(output.summary, verdict, job.headSha, signOffs, {
      repo,
      pullNumber: job.pullNumber,
      seal: deps.seal,
    });
    await writeSticky(deps.octokit, repo, job.pullNumber, current, body);
  } catch (error) {
    deps.log.warn({ err: error, job: jobKey(job) }, "could not update the sticky comment");
  }
  await tell();
  return result;
}
