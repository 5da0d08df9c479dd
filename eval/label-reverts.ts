import type { History } from "./read-history.js";

export interface RevertLabels {
  /** First-parent commit → the first-parent commits that reverted it. */
  readonly reverted: Map<string, string[]>;
  /** Revert commits whose target could not be found in this history (another branch, a rewritten SHA). */
  readonly unresolved: { readonly revert: string; readonly target: string }[];
}

const REVERTS_SHA = /This reverts commit ([0-9a-f]{7,40})/g;
/** Greedy to the last quote: `Revert "Revert "x""` reverts the revert, and `Revert "x (#1)" (#2)` reverts `x (#1)`. */
const REVERT_TITLE = /^Revert "(.*)"/;
const PR_NUMBER = /\s*\(#\d+\)\s*$/;

/**
 * Which first-parent commits were later reverted: a commit's message says `This reverts commit
 * <sha>`, or its subject is `Revert "<subject>"` for an earlier commit's subject. Both ends are
 * mapped to the first-parent commit that landed them, so a revert inside a merged branch, or of a
 * branch commit, counts for the merge; a revert landed together with what it reverts (the same
 * first-parent commit) undid nothing in the history, and is not counted.
 */
export function labelReverts(history: History, landedBy: ReadonlyMap<string, string>): RevertLabels {
  const position = new Map(history.firstParent.map((sha, i) => [sha, i]));
  const bySubject = subjectsIndex(history);
  const reverted = new Map<string, string[]>();
  const unresolved: { revert: string; target: string }[] = [];
  const add = (target: string, by: string) => {
    if (target === by) return;
    const list = reverted.get(target) ?? [];
    if (!list.includes(by)) list.push(by);
    reverted.set(target, list);
  };

  for (const commit of history.commits.values()) {
    const by = landedBy.get(commit.sha);
    if (by === undefined) continue;
    const shas = [...commit.message.matchAll(REVERTS_SHA)].map((m) => m[1] as string);
    if (shas.length > 0) {
      for (const short of shas) {
        const full = resolveSha(history, short);
        const target = full === undefined ? undefined : landedBy.get(full);
        if (target === undefined) unresolved.push({ revert: commit.sha, target: short });
        else add(target, by);
      }
      continue;
    }
    const title = REVERT_TITLE.exec(commit.subject)?.[1];
    if (title === undefined) continue;
    // The latest earlier change with that subject; a squash merge may have added or dropped `(#N)`.
    const candidates = bySubject.get(title) ?? bySubject.get(title.replace(PR_NUMBER, "")) ?? [];
    const before = candidates
      .map((sha) => landedBy.get(sha))
      .filter((sha): sha is string => sha !== undefined && (position.get(sha) ?? -1) < (position.get(by) ?? -1))
      .sort((a, b) => (position.get(b) ?? 0) - (position.get(a) ?? 0));
    if (before[0] !== undefined) add(before[0], by);
    else unresolved.push({ revert: commit.sha, target: `"${title}"` });
  }
  return { reverted, unresolved };
}

/** Subject → commits with it, under the subject as written and without a trailing `(#N)`. */
function subjectsIndex(history: History): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const { sha, subject } of history.commits.values())
    for (const key of new Set([subject, subject.replace(PR_NUMBER, "")]))
      index.set(key, [...(index.get(key) ?? []), sha]);
  return index;
}

function resolveSha(history: History, short: string): string | undefined {
  if (history.commits.has(short)) return short;
  const matches = [...history.commits.keys()].filter((sha) => sha.startsWith(short));
  return matches.length === 1 ? matches[0] : undefined;
}
