import { contentFromBytes, looksBinary, type Change, type ChangedFile, type FileContent } from "./change.js";

export type Snapshot = ReadonlyMap<string, Uint8Array>;

/**
 * A change over two whole snapshots held in memory (a GitHub tarball, a test fixture) and the list
 * of changed files someone else computed. A file whose bytes are binary is marked so, whatever the
 * list says: GitHub's listing does not say it.
 */
export function createSnapshotChange(input: { baseSha: string; headSha: string; files: readonly ChangedFile[]; base: Snapshot; head: Snapshot }): Change {
  const sides = { base: input.base, head: input.head };
  const files = input.files.map((f) => {
    const bytes = input.head.get(f.path) ?? input.base.get(f.previousPath ?? f.path);
    return !f.binary && bytes && looksBinary(bytes) ? { ...f, binary: true } : f;
  });
  return {
    baseSha: input.baseSha,
    headSha: input.headSha,
    files: async () => files,
    tree: async (side) => [...sides[side].keys()].sort(),
    read: async (side, paths) => {
      const result = new Map<string, FileContent>();
      for (const path of paths) {
        const bytes = sides[side].get(path);
        result.set(path, bytes === undefined ? { kind: "missing" } : contentFromBytes(bytes));
      }
      return result;
    },
  };
}
