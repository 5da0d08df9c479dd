import { LRUCache } from "lru-cache";
import { fetchSnapshot, type CommitSnapshot } from "../gather/github/commit-snapshot.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";

/**
 * The last few commits' snapshots, shared by concurrent reviews: the base of a busy repository is
 * fetched once, not once per push. A failed fetch is not kept.
 */
export function createSnapshotCache(limit = 8) {
  const entries = new LRUCache<string, Promise<CommitSnapshot>>({ max: limit });
  return (octokit: GitHubClient, repo: RepoRef, sha: string): Promise<CommitSnapshot> => {
    const key = `${repo.owner}/${repo.repo}@${sha}`;
    const cached = entries.get(key);
    if (cached) return cached;
    const entry = fetchSnapshot(octokit, repo, sha);
    entries.set(key, entry);
    entry.catch(() => entries.delete(key));
    return entry;
  };
}
export type SnapshotCache = ReturnType<typeof createSnapshotCache>;
