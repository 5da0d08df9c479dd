import { fetchSnapshot, type CommitSnapshot } from "../gather/github/commit-snapshot.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";

/**
 * The last few commits' snapshots, shared by concurrent reviews: the base of a busy repository is
 * fetched once, not once per push. A failed fetch is not kept.
 */
export function createSnapshotCache(limit = 8) {
  const entries = new Map<string, Promise<CommitSnapshot>>();
  return (octokit: GitHubClient, repo: RepoRef, sha: string): Promise<CommitSnapshot> => {
    const key = `${repo.owner}/${repo.repo}@${sha}`;
    let entry = entries.get(key);
    if (entry) {
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    }
    entry = fetchSnapshot(octokit, repo, sha);
    entries.set(key, entry);
    entry.catch(() => entries.delete(key));
    while (entries.size > limit) entries.delete(entries.keys().next().value as string);
    return entry;
  };
}
export type SnapshotCache = ReturnType<typeof createSnapshotCache>;
