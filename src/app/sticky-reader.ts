import type { RepoRef } from "../gather/github/github-client.js";
import { readSticky, type StickyState } from "../publish/sticky-comment.js";
import type { ReviewDeps } from "./review-deps.js";
import type { ReviewJob } from "./review-job.js";

/**
 * The PR's sticky comment, read once per review whether by the judging (for its sign-offs and last
 * verdict) or, when judging failed first, by the comment's write: edited in place, never doubled,
 * its sign-offs kept. A failed read is not kept: the write asks again.
 */
export function createStickyReader(job: ReviewJob, repo: RepoRef, deps: ReviewDeps): () => Promise<StickyState> {
  let read: Promise<StickyState> | undefined;
  return () =>
    (read ??= readOwn(job, repo, deps).catch((error: unknown) => {
      read = undefined;
      throw error;
    }));
}

async function readOwn(job: ReviewJob, repo: RepoRef, deps: ReviewDeps): Promise<StickyState> {
  if (job.kind !== "pull_request") return { signOffs: [] };
  return readSticky(deps.octokit, job.pullNumber, await deps.ownLogin(), {
    repo,
    pullNumber: job.pullNumber,
    seal: deps.seal,
  });
}
