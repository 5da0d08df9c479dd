import type { History } from "./read-history.js";

/**
 * Each commit → the first-parent commit that brought it into the history: itself for a commit on
 * the chain, the merge for a commit of a merged branch. A label found on a branch commit (a revert
 * of it, a blame pointing at it) belongs to the change that landed it.
 *
 * Walking the chain oldest first, a merge brings exactly its side parents' ancestors not yet
 * brought by an earlier chain commit: so a depth-first walk that stops at any commit already
 * assigned gives every commit once.
 */
export function mapFirstParent(history: History): Map<string, string> {
  const landedBy = new Map<string, string>();
  for (const sha of history.firstParent) {
    landedBy.set(sha, sha);
    const stack = [...(history.commits.get(sha)?.parents.slice(1) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (landedBy.has(next)) continue;
      const commit = history.commits.get(next);
      if (!commit) continue;
      landedBy.set(next, sha);
      stack.push(...commit.parents);
    }
  }
  return landedBy;
}
