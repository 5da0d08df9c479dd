import { LRUCache } from "lru-cache";
import type { Logger } from "probot";
import { CHECK_NAME } from "../publish/check-name.js";
import { requiredCheckState, type GateState } from "../gather/github/required-check.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";

/**
 * Branch settings change rarely: ask GitHub once an hour per branch, not on every push. An answer
 * GitHub failed to give is logged and not kept: the next review asks again. The note is advice, so
 * its failure never fails a review. At most `limit` branches are remembered, so an app installed
 * on many repositories does not grow without bound.
 */
export function createGateCache(ttlMs = 3600_000, limit = 1000) {
  const entries = new LRUCache<string, Promise<GateState>>({ max: limit, ttl: ttlMs });
  return (octokit: GitHubClient, repo: RepoRef, branch: string, log: Logger): Promise<GateState> => {
    const key = `${repo.owner}/${repo.repo}@${branch}`;
    const hit = entries.get(key);
    if (hit) return hit;
    const state = requiredCheckState(octokit, repo, branch, CHECK_NAME).catch((error: unknown): GateState => {
      entries.delete(key);
      log.error({ err: error, branch }, "could not read whether the Maestro check is required");
      return "unknown";
    });
    entries.set(key, state);
    return state;
  };
}
export type GateCache = ReturnType<typeof createGateCache>;
