import { LRUCache } from "lru-cache";
import { isResolutionConfig, isSourceFile } from "../analyse/conformance/index.js";
import { AGENTS_MD, COPILOT_INSTRUCTIONS } from "../feedforward/index.js";
import { fetchSnapshot, type CommitSnapshot } from "../gather/github/commit-snapshot.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { SCORE_PATH } from "../score/parse-score.js";

/** `MAESTRO_CACHE_MB`'s default: a few bases of a large monorepo (26 MB of sources each), well inside 300 MB of RSS. */
export const DEFAULT_CACHE_MB = 128;

/**
 * What every review reads of a commit: source files (conformance parses their imports), the configs module
 * resolution reads (tsconfig and jsconfig, package.json, which the dependencies signal reads too, pnpm's workspace
 * file), the score and the agent instructions whose drift from the score the summary notes. The change's own files are
 * kept besides; any other file is only listed.
 */
export function reviewReads(path: string): boolean {
  return (
    isSourceFile(path) ||
    isResolutionConfig(path) ||
    path === SCORE_PATH ||
    path === AGENTS_MD ||
    path === COPILOT_INSTRUCTIONS
  );
}

export interface SnapshotCache {
  /** One commit's files; `changed` names the change's own files, kept besides what every review reads. */
  (octokit: GitHubClient, repo: RepoRef, sha: string, changed?: Promise<Iterable<string>>): Promise<CommitSnapshot>;
  /** Lets a commit's snapshot go (a head whose review is done): the next review that needs it fetches it again. */
  forget(repo: RepoRef, sha: string): void;
  /** The bytes the snapshots held now take. */
  bytes(): number;
}

/**
 * Commits' snapshots shared by concurrent reviews, so the base of a busy repository is fetched once, not once per
 * push; bounded by the bytes they hold (`maxMb`), not by their number, since one commit of a monorepo outweighs a
 * hundred of a small repository. A fetch under way is shared too; a failed one is not kept.
 */
export function createSnapshotCache(maxMb = DEFAULT_CACHE_MB): SnapshotCache {
  const held = new LRUCache<string, CommitSnapshot>({
    maxSize: Math.max(1, Math.floor(maxMb * 1024 * 1024)),
    sizeCalculation: (snapshot) => Math.max(1, snapshot.bytes),
  });
  const fetching = new Map<string, Promise<CommitSnapshot>>();
  const keyOf = (repo: RepoRef, sha: string) => `${repo.owner}/${repo.repo}@${sha}`;
  const cache = (octokit: GitHubClient, repo: RepoRef, sha: string, changed?: Promise<Iterable<string>>) => {
    const key = keyOf(repo, sha);
    const kept = held.get(key);
    if (kept) return Promise.resolve(kept);
    const pending = fetching.get(key);
    if (pending) return pending;
    const entry = fetchSnapshot(octokit, repo, sha, changed, reviewReads).then(
      (snapshot) => {
        // Forgotten while it was on its way (its review ended first): not kept.
        if (fetching.get(key) === entry) {
          held.set(key, snapshot);
          fetching.delete(key);
        }
        return snapshot;
      },
      (error: unknown) => {
        if (fetching.get(key) === entry) fetching.delete(key);
        throw error;
      },
    );
    fetching.set(key, entry);
    return entry;
  };
  return Object.assign(cache, {
    forget: (repo: RepoRef, sha: string) => {
      const key = keyOf(repo, sha);
      held.delete(key);
      fetching.delete(key);
    },
    bytes: () => held.calculatedSize,
  });
}
