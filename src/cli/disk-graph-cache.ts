import { join } from "node:path";
import {
  GRAPH_FORMAT,
  PackedImports,
  columnsAreSound,
  type CountedGraph,
  type GraphCache,
  type PackedColumns,
} from "../analyse/conformance/index.js";
import { noteSchema, type Note } from "../analyse/note.js";
import { readCacheFile, writeCacheFile } from "./cache-file.js";

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
  return {
    async get(key) {
      const data = readCacheFile(fileOf(key, "graph"), MAGIC);
      const columns = data?.columns as PackedColumns | undefined;
      if (!data || !isNotes(data.notes) || !isColumns(columns) || !columnsAreSound(columns)) return undefined;
      return { imports: new PackedImports(columns), notes: data.notes };
    },
    set: (key, graph) =>
      writeCacheFile(fileOf(key, "graph"), MAGIC, { columns: graph.imports.columns, notes: graph.notes }),
    async getCounts(key) {
      const data = readCacheFile(fileOf(key, "modules"), MAGIC);
      return data && isCounts(data.counts) ? data.counts : undefined;
    },
    setCounts: (key, counts) => writeCacheFile(fileOf(key, "modules"), MAGIC, { counts }),
  };
}

/** A value's built-in kind, by tag rather than `instanceof`: what V8 deserializes may come from another realm. */
function kindOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

function isColumns(c: PackedColumns | undefined): c is PackedColumns {
  if (typeof c !== "object" || c === null) return false;
  const { files, starts, specifier, target, flags, line, column } = c;
  return (
    [files, starts, specifier, line, column].every((a) => kindOf(a) === "Uint32Array") &&
    kindOf(target) === "Int32Array" &&
    kindOf(flags) === "Uint8Array"
  );
}

function isCounts(value: unknown): value is CountedGraph {
  if (kindOf(value) !== "Map") return false;
  for (const [from, targets] of value as Map<unknown, unknown>) {
    if (typeof from !== "string" || kindOf(targets) !== "Map") return false;
    for (const [to, tally] of targets as Map<unknown, unknown>) {
      const t = tally as { count?: unknown; rank?: unknown; witness?: { file?: unknown; line?: unknown } };
      if (typeof to !== "string" || typeof t?.count !== "number" || typeof t.rank !== "number") return false;
      if (typeof t.witness?.file !== "string" || typeof t.witness.line !== "number") return false;
    }
  }
  return true;
}

function isNotes(value: unknown): value is Note[] {
  return Array.isArray(value) && value.every((note) => noteSchema.safeParse(note).success);
}
