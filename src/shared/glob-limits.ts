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
