import type { Change, ChangedFile } from "./change.js";
import { wholeFilePatch } from "./compute-patch.js";
import { createSnapshotChange } from "./snapshot-change.js";

export type Tree = Readonly<Record<string, string | Uint8Array>>;

export interface MemoryChangeOptions {
  readonly base: Tree;
  readonly head: Tree;
  /** head path → base path, for files the change renamed. */
  readonly renames?: Readonly<Record<string, string>>;
}

/**
 * A change held in memory: tests and tools describe base and head as plain objects. Patches are
 * one hunk per file (every old line removed, every new line added): exact about content, not minimal.
 */
export function createMemoryChange({ base, head, renames = {} }: MemoryChangeOptions): Change {
  const renamedFrom = new Set(Object.values(renames));
  const files: ChangedFile[] = [];
  for (const [path, content] of Object.entries(head)) {
    const previousPath = renames[path];
    const before = base[previousPath ?? path];
    if (previousPath !== undefined) files.push(changed(path, "renamed", before, content, previousPath));
    else if (before === undefined) files.push(changed(path, "added", undefined, content));
    else if (!same(before, content)) files.push(changed(path, "modified", before, content));
  }
  for (const [path, content] of Object.entries(base)) {
    if (head[path] === undefined && !renamedFrom.has(path)) files.push(changed(path, "removed", content, undefined));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return createSnapshotChange({ baseSha: "base", headSha: "head", files, base: snapshot(base), head: snapshot(head) });
}

function snapshot(tree: Tree): Map<string, Uint8Array> {
  return new Map(Object.entries(tree).map(([path, content]) => [path, bytes(content)]));
}

function changed(path: string, status: ChangedFile["status"], before: Tree[string] | undefined, after: Tree[string] | undefined, previousPath?: string): ChangedFile {
  const oldText = typeof before === "string" ? before : undefined;
  const newText = typeof after === "string" ? after : undefined;
  const binary = (before !== undefined && oldText === undefined) || (after !== undefined && newText === undefined);
  const whole = binary ? undefined : wholeFilePatch(oldText ?? "", newText ?? "");
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
