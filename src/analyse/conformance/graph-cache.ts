import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Note } from "../note.js";
import type { CountedGraph } from "./module-graph.js";
import type { PackedImports } from "./packed-imports.js";

/**
 * Every source file's resolved imports at one commit, but those the score's `ignore` covers. It depends on the commit
 * and that list alone (not on the modules), so it is built once per commit and reused by every later change on that
 * base.
 */
export interface CommitGraph {
  readonly imports: PackedImports;
  readonly notes: readonly Note[];
}

export interface GraphCache {
  get(key: string): Promise<CommitGraph | undefined>;
  set(key: string, graph: CommitGraph): Promise<void>;
  /** A commit's module edges, counted under one score's modules: `key` names both (see `moduleCountsKey`). */
  getCounts(key: string): Promise<CountedGraph | undefined>;
  setCounts(key: string, counts: CountedGraph): Promise<void>;
}

/** Bump when what is stored per file changes, so old caches are not misread. */
export const GRAPH_FORMAT = 5;

/** A commit's graph under one `ignore` list. */
export function graphCacheKey(commitSha: string, ignore: readonly string[]): string {
  const ignored =
    ignore.length === 0 ? "" : `-i${createHash("sha256").update(JSON.stringify(ignore)).digest("hex").slice(0, 16)}`;
  return `${commitSha}-v${GRAPH_FORMAT}${ignored}`;
}

/** The app's cache: the few most recent commits, in memory. */
export function createMemoryGraphCache(limit = 20): GraphCache {
  const entries = new LRUCache<string, CommitGraph>({ max: limit });
  // A module graph is a few entries per module: many scores' worth costs less than one commit graph.
  const counts = new LRUCache<string, CountedGraph>({ max: limit * 4 });
  return {
    get: async (key) => entries.get(key),
    set: async (key, graph) => {
      entries.set(key, graph);
    },
    getCounts: async (key) => counts.get(key),
    setCounts: async (key, graph) => {
      counts.set(key, graph);
    },
  };
}
