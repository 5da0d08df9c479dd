import type { Authorship } from "../decide/detect-agent.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { listComparedFiles, listPullRequestFiles, type ChangedFiles } from "../gather/github/list-changed-files.js";
import type { ReviewJob } from "./review-job.js";

/** What one review judges: the base to compare with, how to list the change, and who wrote it. */
export interface Target {
  readonly baseSha: string;
  readonly files: () => Promise<ChangedFiles>;
  readonly authorship?: Authorship;
  /** Lines shown above the summary: a draft, a commit that is not the head, a merge queue. */
  readonly banners: readonly string[];
  readonly pullNumber?: number;
  /** The PR's head when it was read. */
  readonly currentHead?: string;
  readonly baseRef?: string;
}

/**
 * A merge group is judged on its own change. A PR is read as it is now (the payload may be hours
 * old by the time a re-run runs); its head is judged with the PR's file list, and any other commit
 * (a re-run of an older check run) with that commit's own change against the base, never with the
 * files of a later push.
 */
export async function describeTarget(job: ReviewJob, octokit: GitHubClient, repo: RepoRef): Promise<Target> {
  if (job.kind === "merge_group") {
    return {
      baseSha: job.baseSha,
      files: () => listComparedFiles(octokit, repo, job.baseSha, job.headSha),
      banners: ["Merge queue: judged on the group's own change. Each PR's Maestro check had to pass (or be signed off) for it to enter the queue."],
    };
  }
  const { data: pr } = await octokit.rest.pulls.get({ owner: job.owner, repo: job.repo, pull_number: job.pullNumber });
  const isHead = pr.head.sha === job.headSha;
  const banners = [
    ...(pr.draft ? ["Draft PR: judged as it is now; it will be judged again when it is ready for review."] : []),
    ...(isHead ? [] : [`Commit ${job.headSha.slice(0, 7)} is not this PR's head (${pr.head.sha.slice(0, 7)}): it is judged on its own change against the base.`]),
  ];
  return {
    baseSha: pr.base.sha,
    files: isHead ? () => listPullRequestFiles(octokit, repo, job.pullNumber, pr.changed_files) : () => listComparedFiles(octokit, repo, pr.base.sha, job.headSha),
    authorship: { login: pr.user.login, branch: pr.head.ref, labels: pr.labels.map((l) => l.name) },
    banners,
    pullNumber: job.pullNumber,
    currentHead: pr.head.sha,
    baseRef: pr.base.ref,
  };
}
