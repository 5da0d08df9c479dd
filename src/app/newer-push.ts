import type { LatestHeads } from "./latest-heads.js";
import { jobKey, type ReviewJob } from "./review-job.js";

/**
 * The race between pushes, in one place. A PR's pushes arrive faster than reviews finish, and
 * their webhooks out of order: Maestro keeps the newest head it has seen per PR (`LatestHeads`,
 * ordered by GitHub's `updated_at`) and asks it at three moments of a review.
 */

/** Before the check run exists: a push already replaced is not reviewed at all (nothing written). */
export async function supersededBeforeStart(job: ReviewJob, heads: LatestHeads): Promise<string | undefined> {
  if (job.kind !== "pull_request" || job.trigger !== "push" || job.checkRunId !== undefined) return undefined;
  const newest = await heads.get(jobKey(job));
  return newest !== undefined && newest !== job.headSha ? newest : undefined;
}

/**
 * Once the PR is read: the newer head that makes reviewing this one pointless (its check ends
 * `cancelled`). Only for a push (or the reconciler's retry of one), and only when GitHub's answer
 * and the newest push seen agree, so a PR read a moment too early never cancels the real newest head.
 */
export async function supersededWhileReviewing(
  job: ReviewJob,
  currentHead: string | undefined,
  heads: LatestHeads,
): Promise<string | undefined> {
  if (job.kind !== "pull_request" || !["push", "reconcile", "base-moved"].includes(job.trigger)) return undefined;
  if (currentHead === undefined || currentHead === job.headSha) return undefined;
  return (await heads.get(jobKey(job))) === currentHead ? currentHead : undefined;
}

/** After the verdict: an older review must not overwrite a newer one's sticky comment. */
export async function newerPushSeen(
  job: ReviewJob,
  currentHead: string | undefined,
  heads: LatestHeads,
): Promise<boolean> {
  const newest = (await heads.get(jobKey(job))) ?? currentHead;
  return newest !== undefined && newest !== job.headSha;
}
