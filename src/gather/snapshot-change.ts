import {
  contentFromBytes,
  looksBinary,
  MAX_PARSED_BYTES,
  type Change,
  type ChangedFile,
  type FileContent,
  type Side,
} from "./change.js";
import { computePatch } from "./compute-patch.js";

/**
 * One commit's files: every regular file's path, and the bytes of those kept. A whole snapshot (a Map) keeps every
 * file; a commit read from GitHub keeps only what a review reads (`commit-snapshot.ts`) and says, for each file it
 * left, its size and whether it is binary.
 */
export interface Snapshot {
  keys(): Iterable<string>;
  has(path: string): boolean;
  /** The file's bytes; undefined when the commit has no such file, or its bytes were left. */
  get(path: string): Uint8Array | undefined;
  /** What is known of a file whose bytes were left: undefined for a kept or absent file. */
  left?(path: string): LeftFile | undefined;
}

export interface LeftFile {
  readonly size: number;
  readonly binary: boolean;
}

/** Reads the bytes of files a thinned snapshot left, when a review needs them after all. */
export type FetchLeft = (side: "base" | "head", paths: readonly string[]) => Promise<ReadonlyMap<string, Uint8Array>>;

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
  /** Where the bytes of files a snapshot left come from; without it, such a file reads as missing. */
  fetchLeft?: FetchLeft;
}): Change {
  const sides = { base: input.base, head: input.head };
  const bytesOf = async (side: Side, paths: readonly string[]): Promise<Map<string, Uint8Array | LeftFile>> => {
    const snapshot = sides[side];
    const found = new Map<string, Uint8Array | LeftFile>();
    const fetch: string[] = [];
    for (const path of paths) {
      const bytes = snapshot.get(path);
      const left = bytes === undefined ? snapshot.left?.(path) : undefined;
      if (bytes !== undefined) found.set(path, bytes);
      else if (left && !left.binary && left.size <= MAX_PARSED_BYTES && input.fetchLeft) fetch.push(path);
      else if (left) found.set(path, left);
    }
    if (fetch.length > 0 && input.fetchLeft)
      for (const [path, bytes] of await input.fetchLeft(side, fetch)) found.set(path, bytes);
    return found;
  };
  let files: Promise<ChangedFile[]> | undefined;
  // A file listed without its patch is compared from both sides' bytes; any other needs only its binary mark, which a
  // left file keeps.
  const completed = async () => {
    const unpatched = input.files.filter((f) => !f.binary && f.patch === undefined);
    const [base, head] = await Promise.all([
      bytesOf(
        "base",
        unpatched.map((f) => f.previousPath ?? f.path),
      ),
      bytesOf(
        "head",
        unpatched.map((f) => f.path),
      ),
    ]);
    const at = (side: Side, found: Map<string, Uint8Array | LeftFile>, path: string) =>
      found.get(path) ?? sides[side].get(path) ?? sides[side].left?.(path);
    return input.files.map((f) =>
      completeFile(f, at("base", base, f.previousPath ?? f.path), at("head", head, f.path)),
    );
  };
  return {
    baseSha: input.baseSha,
    headSha: input.headSha,
    files: () => (files ??= completed()),
    ...(input.history ? { history: input.history } : {}),
    tree: async (side) => [...sides[side].keys()].sort(),
    read: async (side, paths) => {
      const found = await bytesOf(side, paths);
      const result = new Map<string, FileContent>();
      for (const path of paths) result.set(path, contentOf(found.get(path)));
      return result;
    },
  };
}

function contentOf(found: Uint8Array | LeftFile | undefined): FileContent {
  if (found === undefined) return { kind: "missing" };
  if (found instanceof Uint8Array) return contentFromBytes(found);
  return found.binary ? { kind: "binary" } : { kind: "too-large", bytes: found.size };
}

function completeFile(
  file: ChangedFile,
  before: Uint8Array | LeftFile | undefined,
  after: Uint8Array | LeftFile | undefined,
): ChangedFile {
  if (file.binary) return file;
  if (isBinary(after) || isBinary(before)) return { ...file, binary: true };
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

function isBinary(found: Uint8Array | LeftFile | undefined): boolean {
  if (found === undefined) return false;
  return found instanceof Uint8Array ? looksBinary(found) : found.binary;
}

function textOf(found: Uint8Array | LeftFile | undefined): string | undefined {
  if (found === undefined) return "";
  const content = contentOf(found);
  return content.kind === "text" ? content.text : undefined;
}
