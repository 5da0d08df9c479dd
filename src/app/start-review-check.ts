import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { startCheckRun } from "../publish/check-run.js";
import { externalId, type Provenance } from "../publish/check-output.js";
import type { ReviewDeps } from "./review-deps.js";
import type { ReviewJob } from "./review-job.js";

/** The check run a review ends by completing. */
export interface ReviewCheck {
  readonly id: number;
  readonly detailsUrl: string;
  /** What is known before the change is read: the provenance a failure is reported with. */
  readonly pending: Provenance;
  readonly startedAt: number;
}

/**
 * The first write of every review, before anything that can fail: the PR shows Maestro at work
 * within a second. A check run left unfinished by a crash is taken over rather than doubled.
 */
export async function startReviewCheck(job: ReviewJob, repo: RepoRef, deps: ReviewDeps): Promise<ReviewCheck> {
  const startedAt = Date.now();
  const { detailsUrl, pending } = checkFacts(job, deps.octokit, deps.version);
  if (job.checkRunId !== undefined) return { id: job.checkRunId, detailsUrl, pending, startedAt };
  // Created when the job was accepted (`early-checks.ts`), unless that write failed.
  const early = await deps.earlyCheckRun;
  if (early !== undefined) return { id: early, detailsUrl, pending, startedAt };
  const id = await createReviewCheck(job, deps.octokit, deps.version);
  await deps
    .onCheckRunStarted?.(id)
    .catch((error: unknown) => deps.log.warn({ err: error }, "could not record the check run on the queued job"));
  return { id, detailsUrl, pending, startedAt };
}

/** Where the check run links to, and what is known of the review before the change is read. */
export function checkFacts(
  job: ReviewJob,
  octokit: GitHubClient,
  version: string,
): { readonly detailsUrl: string; readonly pending: Provenance } {
  const web = `${webBase(octokit)}/${job.owner}/${job.repo}`;
  return {
    detailsUrl: job.kind === "pull_request" ? `${web}/pull/${job.pullNumber}` : `${web}/queue`,
    pending: {
      headSha: job.headSha,
      baseSha: job.kind === "merge_group" ? job.baseSha : "pending",
      maestroVersion: version,
    },
  };
}

/** The `in_progress` check run of a review, on its head commit. */
export async function createReviewCheck(job: ReviewJob, octokit: GitHubClient, version: string): Promise<number> {
  const { detailsUrl, pending } = checkFacts(job, octokit, version);
  return startCheckRun(octokit, { owner: job.owner, repo: job.repo }, job.headSha, detailsUrl, externalId(pending));
}

/** https://github.com, or the GitHub Enterprise Server the client talks to (for links people click). */
function webBase(octokit: GitHubClient): string {
  const baseUrl = octokit.request.endpoint.DEFAULTS.baseUrl;
  return baseUrl === "https://api.github.com" ? "https://github.com" : baseUrl.replace(/\/api\/v3\/?$/, "");
}
