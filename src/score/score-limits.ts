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

/**
 * How complex one glob may be. Globs become backtracking regular expressions (picomatch), whose
 * time grows as a power of the path's length for each wildcard that competes with another: these
 * bounds keep every accepted glob under a few milliseconds against any path Maestro matches.
 */
export const GLOB_LIMITS = {
  /** Characters in one glob. */
  length: 1_024,
  /** `*` and `**` in the whole glob, besides whole `*` folders: `packages/*\/src/**\/*.test.*` is fine. */
  wildcards: 3,
  /** `*` in one path segment: `*.test.*` is fine, `*a*b*c` is not. */
  starsPerSegment: 2,
  /** `**` segments (repeats such as `**\/**` count once): `src/**\/__tests__/**` is fine. */
  globstars: 2,
  /** Paths a `{a,b}` glob spells out: `*.{ts,tsx}` is 2, `{a,b}/{c,d}` is 4. */
  braceExpansions: 64,
  /**
   * Paths longer than this, or with a folder or file name longer than `nameLength`, are matched
   * only by the globs that run in linear time. No common file system holds such a path (names stop
   * at 255 bytes); in a change, one is chosen to be the slow case.
   */
  pathLength: 1_024,
  nameLength: 255,
} as const;
