import type { ProbotOctokit } from "probot";

/** The authenticated client the GitHub adapters use: Probot's Octokit (retry, throttling, pagination). */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}
