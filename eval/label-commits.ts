import { labelFixInducing, type FixInducingLabels } from "./label-fix-inducing.js";
import { labelReverts, type RevertLabels } from "./label-reverts.js";
import { mapFirstParent } from "./map-first-parent.js";
import type { History } from "./read-history.js";

export interface CommitLabels {
  /** The fix commits that repaired lines it wrote (SZZ-lite). */
  readonly fixedBy: readonly string[];
  /** The commits that reverted it. */
  readonly revertedBy: readonly string[];
}

export interface Labelling {
  /** First-parent commit → its labels; a commit absent here has neither. */
  readonly labels: ReadonlyMap<string, CommitLabels>;
  readonly fixes: FixInducingLabels;
  readonly reverts: RevertLabels;
}

export interface LabelOptions {
  readonly repoDir: string;
  readonly history: History;
  /** Fixes after this first-parent commit are blamed, and blame stops at it. */
  readonly boundary?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The two labels of each first-parent commit: later reverted, and fix-inducing. */
export async function labelCommits(options: LabelOptions): Promise<Labelling> {
  const landedBy = mapFirstParent(options.history);
  const reverts = labelReverts(options.history, landedBy);
  const fixes = await labelFixInducing({ ...options, landedBy });
  const labels = new Map<string, CommitLabels>();
  for (const [sha, fixedBy] of fixes.fixInducing) labels.set(sha, { fixedBy, revertedBy: [] });
  for (const [sha, revertedBy] of reverts.reverted)
    labels.set(sha, { fixedBy: labels.get(sha)?.fixedBy ?? [], revertedBy });
  return { labels, fixes, reverts };
}
