import { createHash } from "node:crypto";
import type { Score } from "../../score/score-schema.js";
import { graphCacheKey } from "./graph-cache.js";

/**
 * The cache key of a commit's module edges under one score: what places a file in a module (the modules' names and
 * globs, in order, and `ignore`) and whether type-only imports count. Any other change to the score keeps the key.
 */
export function moduleCountsKey(sha: string, score: Score, includeTypeImports: boolean): string {
  const placing = JSON.stringify([score.modules.map((m) => [m.name, m.paths]), score.ignore, includeTypeImports]);
  return `${graphCacheKey(sha, score.ignore)}-m${createHash("sha256").update(placing).digest("hex").slice(0, 16)}`;
}
