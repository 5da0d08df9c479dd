/** A PR that may go first: its number (0 for a PR under review that has none) and how many paths it changes. */
export interface Contender {
  readonly pr: number;
  readonly files: number;
}

/**
 * The suggested order to merge `candidates` in (this PR and those it overlaps): the PR whose merge invalidates fewer
 * others goes first. A merge invalidates the open PRs it overlaps strongly (a shared file, a moving public API), so
 * each candidate counts its strong overlaps among `all` (every compared open PR, this one included); fewer first,
 * then fewer changed files (less to rebase onto), then the lower number (the older PR).
 */
export function mergeOrder<P extends Contender>(
  candidates: readonly P[],
  all: readonly P[],
  strong: (a: P, b: P) => boolean,
): number[] {
  const invalidates = new Map(
    candidates.map((c) => [c, all.filter((other) => other !== c && strong(c, other)).length]),
  );
  return [...candidates]
    .sort((a, b) => (invalidates.get(a) as number) - (invalidates.get(b) as number) || a.files - b.files || a.pr - b.pr)
    .map((c) => c.pr);
}
