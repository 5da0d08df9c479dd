import type { PodiumPull } from "./podium-state-schema.js";

/** The open PRs this one overlaps, as either side said: contention is a pair, whichever PR was judged last. */
export function contentionOf(pull: PodiumPull, open: readonly PodiumPull[]): number[] {
  const openNumbers = new Set(open.map((p) => p.pr));
  const pairs = new Set(pull.contention.filter((n) => openNumbers.has(n)));
  for (const other of open) if (other.contention.includes(pull.pr) && other.pr !== pull.pr) pairs.add(other.pr);
  return [...pairs].sort((a, b) => a - b);
}
