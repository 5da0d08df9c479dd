import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CommitGraph, GraphCache, ResolvedImport } from "../analyse/conformance/index.js";

/**
 * The CLI's cache of commit graphs, one JSON file per commit under the repository's git folder
 * (never in the work tree). A cache that cannot be read or written is simply not used.
 */
export function createDiskGraphCache(dir: string): GraphCache {
  const fileOf = (key: string) => join(dir, `graph-${key.replace(/[^\w.-]/g, "_")}.json`);
  return {
    async get(key) {
      try {
        const data = JSON.parse(await readFile(fileOf(key), "utf8")) as {
          imports: [string, ResolvedImport[]][];
          notes: CommitGraph["notes"];
        };
        return { imports: new Map(data.imports), notes: data.notes };
      } catch {
        return undefined;
      }
    },
    async set(key, graph) {
      try {
        await mkdir(dir, { recursive: true });
        const temp = `${fileOf(key)}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify({ imports: [...graph.imports], notes: graph.notes }));
        await rename(temp, fileOf(key));
      } catch {
        // a read-only checkout still gets its verdict, just without the cache
      }
    },
  };
}
