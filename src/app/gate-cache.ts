import { requiredCheckState, type GateState } from "../gather/github/required-check.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";

/** Branch settings change rarely: ask GitHub once an hour per branch, not on every push. */
export function createGateCache(ttlMs = 3600_000) {
  const entries = new Map<string, { at: number; state: Promise<GateState> }>();
  return (octokit: GitHubClient, repo: RepoRef, branch: string): Promise<GateState> => {
    const key = `${repo.owner}/${repo.repo}@${branch}`;
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.state;
    const state = requiredCheckState(octokit, repo, branch);
    entries.set(key, { at: Date.now(), state });
    return state;
  };
}
export type GateCache = ReturnType<typeof createGateCache>;
