import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import {
  GRAPH_FORMAT,
  PackedImports,
  columnsAreSound,
  type CountedGraph,
  type GraphCache,
  type PackedColumns,
} from "../analyse/conformance/index.js";

/** What a cache file starts with: another format, an older Maestro's or a cut file, is a miss, never misread. */
const MAGIC = `maestro-graph-v${GRAPH_FORMAT}`;

/**
 * The CLI's cache of commit graphs, one file per commit (and a small one per commit and score for its module edges),
 * by default under the repository's git folder (never in the work tree); `--cache-dir` puts it elsewhere, so CI can
 * keep it between runs. The imports are stored packed (a string table and columns of integers), serialized with
 * V8's own format. A cache that cannot be read or written is simply not used.
 */
export function createDiskGraphCache(dir: string): GraphCache {
  const fileOf = (key: string, kind: string) => join(dir, `${kind}-${key.replace(/[^\w.-]/g, "_")}.bin`);
  const read = async (path: string): Promise<Record<string, unknown> | undefined> => {
    try {
      const data: unknown = deserialize(await readFile(path));
      return typeof data === "object" && data !== null && (data as { magic?: unknown }).magic === MAGIC
        ? (data as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  };
  const write = async (path: string, data: Record<string, unknown>) => {
    try {
      await mkdir(dir, { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, serialize({ magic: MAGIC, ...data }));
      await rename(temp, path);
    } catch {
      // a read-only checkout still gets its verdict, just without the cache
    }
  };
  return {
    async get(key) {
      const data = await read(fileOf(key, "graph"));
      const columns = data?.columns as PackedColumns | undefined;
      if (!data || !Array.isArray(data.notes) || !isColumns(columns) || !columnsAreSound(columns)) return undefined;
      return { imports: new PackedImports(columns), notes: data.notes as [] };
    },
    set: (key, graph) => write(fileOf(key, "graph"), { columns: graph.imports.columns, notes: graph.notes }),
    async getCounts(key) {
      const data = await read(fileOf(key, "modules"));
      return data && data.counts instanceof Map ? (data.counts as CountedGraph) : undefined;
    },
    setCounts: (key, counts) => write(fileOf(key, "modules"), { counts }),
  };
}

function isColumns(c: PackedColumns | undefined): c is PackedColumns {
  return (
    typeof c === "object" &&
    c !== null &&
    c.files instanceof Uint32Array &&
    c.starts instanceof Uint32Array &&
    c.specifier instanceof Uint32Array &&
    c.target instanceof Int32Array &&
    c.flags instanceof Uint8Array &&
    c.line instanceof Uint32Array &&
    c.column instanceof Uint32Array
  );
}
