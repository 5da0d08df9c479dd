import {
  MAX_PARSED_BYTES,
  type Change,
  type ChangedFile,
  type FileContent,
  type FileHistory,
  type Side,
} from "./change.js";
import { computePatch, wholeFilePatch } from "./compute-patch.js";
import { createSnapshotChange } from "./snapshot-change.js";

export type Tree = Readonly<Record<string, string | Uint8Array>>;

export interface MemoryChangeOptions {
  readonly base: Tree;
  readonly head: Tree;
  /** head path → base path, for files the change renamed. */
  readonly renames?: Readonly<Record<string, string>>;
  /**
   * `whole` (the default): one hunk per file, every old line removed and every new one added.
   * `minimal`: the smallest diff, as git and GitHub give it, for signals that weigh lines added.
   */
  readonly patches?: "whole" | "minimal";
  /** Each path's recent history at base; absent, the change cannot tell (as a fixture cannot). */
  readonly history?: Readonly<Record<string, FileHistory>>;
  /** How the change fails, method by method: absent, every method answers from the trees. */
  readonly faults?: MemoryChangeFaults;
}

/** A file `read` cannot give as text, as an adapter says it: too large to parse, binary, or not there. */
export type UnreadableKind = Exclude<FileContent["kind"], "text">;

/**
 * Failures a test asks for, one per method, as policy-bot's fake gives an error per method: the
 * core must turn each into a failed review or a file named unjudged, never into a pass.
 * Each fault touches its own method only: a path that `read` gives as `binary` still has the
 * patch its text gives in `files()`, as a real adapter can disagree with itself.
 *
 * ```ts
 * faults: {
 *   files: new Error("GitHub kept failing"),        // files() rejects with it
 *   tree: { base: new Error("tarball cut short") }, // tree("base") rejects; tree("head") answers
 *   read: { head: new Error("cat-file died") },     // every read("head", …) rejects
 *   contents: { head: { "src/big.ts": "too-large", "package.json": "binary" }, base: { "src/old.ts": "missing" } },
 * }
 * ```
 */
export interface MemoryChangeFaults {
  readonly files?: Error;
  readonly history?: Error;
  readonly tree?: Partial<Record<Side, Error>>;
  readonly read?: Partial<Record<Side, Error>>;
  /**
   * What `read(side, …)` gives for these paths instead of their text (a too-large file counts as just over the limit,
   * or its own size).
   */
  readonly contents?: Partial<Record<Side, Readonly<Record<string, UnreadableKind>>>>;
}

/**
 * A change held in memory: tests and tools describe base and head as plain objects. Patches are
 * one hunk per file unless `patches: "minimal"` asks for the smallest diff.
 */
export function createMemoryChange({
  base,
  head,
  renames = {},
  patches = "whole",
  history,
  faults,
}: MemoryChangeOptions): Change {
  const renamedFrom = new Set(Object.values(renames));
  const files: ChangedFile[] = [];
  for (const [path, content] of Object.entries(head)) {
    const previousPath = renames[path];
    const before = base[previousPath ?? path];
    if (previousPath !== undefined) files.push(changed(patches, path, "renamed", before, content, previousPath));
    else if (before === undefined) files.push(changed(patches, path, "added", undefined, content));
    else if (!same(before, content)) files.push(changed(patches, path, "modified", before, content));
  }
  for (const [path, content] of Object.entries(base)) {
    if (head[path] === undefined && !renamedFrom.has(path))
      files.push(changed(patches, path, "removed", content, undefined));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const change = createSnapshotChange({
    baseSha: "base",
    headSha: "head",
    files,
    base: snapshot(base),
    head: snapshot(head),
    ...(history ? { history: async (paths) => historyOf(history, paths) } : {}),
  });
  return faults ? withFaults(change, faults, { base, head }) : change;
}

function withFaults(change: Change, faults: MemoryChangeFaults, trees: Readonly<Record<Side, Tree>>): Change {
  return {
    baseSha: change.baseSha,
    headSha: change.headSha,
    files: async () => {
      if (faults.files) throw faults.files;
      return change.files();
    },
    ...(change.history || faults.history
      ? {
          history: async (paths: readonly string[]) => {
            if (faults.history) throw faults.history;
            return change.history ? change.history(paths) : new Map<string, FileHistory>();
          },
        }
      : {}),
    tree: async (side) => {
      const error = faults.tree?.[side];
      if (error) throw error;
      return change.tree(side);
    },
    read: async (side, paths) => {
      const error = faults.read?.[side];
      if (error) throw error;
      const read = new Map(await change.read(side, paths));
      for (const [path, kind] of Object.entries(faults.contents?.[side] ?? {})) {
        if (read.has(path)) read.set(path, unreadable(kind, trees[side][path]));
      }
      return read;
    },
  };
}

/** Every path asked about: its history as given, zeros when the fixture says none. */
function historyOf(history: Readonly<Record<string, FileHistory>>, paths: readonly string[]): Map<string, FileHistory> {
  return new Map(
    paths.map((path) => [
      path,
      Object.hasOwn(history, path) ? (history[path] as FileHistory) : { changes: 0, fixes: 0 },
    ]),
  );
}

function unreadable(kind: UnreadableKind, content: Tree[string] | undefined): FileContent {
  if (kind !== "too-large") return { kind };
  return { kind, bytes: Math.max(MAX_PARSED_BYTES + 1, content === undefined ? 0 : bytes(content).length) };
}

function snapshot(tree: Tree): Map<string, Uint8Array> {
  return new Map(Object.entries(tree).map(([path, content]) => [path, bytes(content)]));
}

function changed(
  patches: "whole" | "minimal",
  path: string,
  status: ChangedFile["status"],
  before: Tree[string] | undefined,
  after: Tree[string] | undefined,
  previousPath?: string,
): ChangedFile {
  const oldText = typeof before === "string" ? before : undefined;
  const newText = typeof after === "string" ? after : undefined;
  const binary = (before !== undefined && oldText === undefined) || (after !== undefined && newText === undefined);
  const diff = patches === "minimal" ? computePatch : wholeFilePatch;
  const whole = binary ? undefined : diff(oldText ?? "", newText ?? "");
  return {
    path,
    status,
    ...(previousPath !== undefined ? { previousPath } : {}),
    additions: whole?.additions ?? 0,
    deletions: whole?.deletions ?? 0,
    binary,
    ...(whole ? { patch: whole.patch } : {}),
  };
}

function same(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === "string" && typeof b === "string") return a === b;
  const x = bytes(a);
  const y = bytes(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function bytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content;
}
