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
  const web = `${webBase(deps.octokit)}/${job.owner}/${job.repo}`;
  const detailsUrl = job.kind === "pull_request" ? `${web}/pull/${job.pullNumber}` : `${web}/queue`;
  const pending: Provenance = {
    headSha: job.headSha,
    baseSha: job.kind === "merge_group" ? job.baseSha : "pending",
    maestroVersion: deps.version,
  };
  if (job.checkRunId !== undefined) return { id: job.checkRunId, detailsUrl, pending, startedAt };
  const id = await startCheckRun(deps.octokit, repo, job.headSha, detailsUrl, externalId(pending));
  await deps
    .onCheckRunStarted?.(id)
    .catch((error: unknown) => deps.log.warn({ err: error }, "could not record the check run on the queued job"));
  return { id, detailsUrl, pending, startedAt };
}

/** https://github.com, or the GitHub Enterprise Server the client talks to (for links people click). */
function webBase(octokit: GitHubClient): string {
  const baseUrl = octokit.request.endpoint.DEFAULTS.baseUrl;
  return baseUrl === "https://api.github.com" ? "https://github.com" : baseUrl.replace(/\/api\/v3\/?$/, "");
}
