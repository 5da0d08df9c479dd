import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";

/**
 * One file of the CLI's cache, in V8's serialization, starting with `magic`: another format, an older Maestro's or a
 * file cut short is a miss, never misread. Read at once: fs/promises reads in 512 KB steps, and a 10 MB graph took
 * 50 ms instead of 8, with nothing else to run meanwhile in a CLI waiting for it.
 */
export function readCacheFile(path: string, magic: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = deserialize(readFileSync(path));
    return typeof data === "object" && data !== null && (data as { magic?: unknown }).magic === magic
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed); a cache that cannot be written is simply not used. */
export async function writeCacheFile(path: string, magic: string, data: Record<string, unknown>): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, serialize({ magic, ...data }));
    await rename(temp, path);
  } catch {
    // a read-only checkout still gets its verdict, just without the cache
  }
}
