import type { Judgement } from "./judge-commit.js";

/** A sampled commit, its labels and what the history says of it. */
export interface SampledCommit {
  readonly sha: string;
  readonly date: string;
  readonly subject: string;
  /** Fix commits that repaired its lines (SZZ-lite); empty when none did. */
  readonly fixedBy: readonly string[];
  /** Commits that reverted it. */
  readonly revertedBy: readonly string[];
}

/** A sampled commit with Maestro's judgement of it. */
export interface JudgedCommit extends SampledCommit, Judgement {}

/** A sampled commit Maestro could not judge, and why: counted in the report. */
export interface FailedCommit extends SampledCommit {
  readonly error: string;
}

export const isFixInducing = (c: SampledCommit): boolean => c.fixedBy.length > 0;
export const isReverted = (c: SampledCommit): boolean => c.revertedBy.length > 0;
/** Bad: either label. Other: neither (the sample's unlabelled commits). */
export const isBad = (c: SampledCommit): boolean => isFixInducing(c) || isReverted(c);
