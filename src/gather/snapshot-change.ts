import { contentFromBytes, looksBinary, type Change, type ChangedFile, type FileContent } from "./change.js";
import { computePatch } from "./compute-patch.js";

export type Snapshot = ReadonlyMap<string, Uint8Array>;

/**
 * A change over two whole snapshots held in memory (a GitHub tarball, a test fixture) and the list
 * of changed files someone else computed. A file whose bytes are binary is marked so, whatever the
 * list says: GitHub's listing does not say it. A text file listed without its patch (GitHub leaves
 * it out for large files, and past its per-response diff limit, where the counts also read 0) gets
 * the patch computed from the snapshots: an absent patch is never taken for "no change".
 */
export function createSnapshotChange(input: {
  baseSha: string;
  headSha: string;
  files: readonly ChangedFile[];
  base: Snapshot;
  head: Snapshot;
  /** Where the files' history comes from, when the source can tell (GitHub's GraphQL API). */
  history?: Change["history"];
}): Change {
  const sides = { base: input.base, head: input.head };
  const files = input.files.map((f) =>
    completeFile(f, input.base.get(f.previousPath ?? f.path), input.head.get(f.path)),
  );
  return {
    baseSha: input.baseSha,
    headSha: input.headSha,
    files: async () => files,
    ...(input.history ? { history: input.history } : {}),
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

function completeFile(file: ChangedFile, before: Uint8Array | undefined, after: Uint8Array | undefined): ChangedFile {
  if (file.binary) return file;
  if ((after && looksBinary(after)) || (before && looksBinary(before))) return { ...file, binary: true };
  if (file.patch !== undefined) return file;
  const beforeText = textOf(before);
  const afterText = textOf(after);
  // A side the snapshot lacks (a symlink, a submodule) or cannot decode: the file is named as unjudged, even when
  // GitHub's counts read 0.
  if (before === undefined && file.status !== "added")
    return { ...file, unreadable: "the base commit's copy is not in the snapshot" };
  if (after === undefined && file.status !== "removed")
    return { ...file, unreadable: "the head commit's copy is not in the snapshot" };
  if (beforeText === undefined || afterText === undefined) return { ...file, unreadable: "it is too large to read" };
  const computed = computePatch(beforeText, afterText);
  return computed ? { ...file, ...computed } : file;
}

function textOf(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined) return "";
  const content = contentFromBytes(bytes);
  return content.kind === "text" ? content.text : undefined;
}
