/**
 * How much of a score Maestro reads. A score comes from a repository, so its size and shape are
 * chosen by whoever can push to it: these bounds keep one score from stalling the app for every
 * installation. Each is far above what a real monorepo writes, and every message that enforces one
 * names it and says what to do instead.
 */
export const SCORE_LIMITS = {
  /** Characters of YAML text (about 1 MB). A 5,000-module score is about 350,000. */
  characters: 1_000_000,
  /** Values in the score once YAML aliases (`*name`) are expanded: what stops an alias bomb. */
  expandedValues: 200_000,
  /** Levels of nesting; a score needs five. */
  depth: 64,
  modules: 10_000,
  /** Globs in the whole score: ignore, agents, every module's paths and public, protected. */
  globs: 20_000,
  /** Glob matches the check for overlapping modules may try; one folder per module needs one each. */
  overlapComparisons: 200_000,
} as const;
