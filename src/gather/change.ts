/**
 * What changed between a base and a head commit: the one way the core sees a pull request.
 * Local git, GitHub's API and in-memory test fixtures each implement it; the engine never knows which.
 */
export type FileStatus = "added" | "modified" | "removed" | "renamed";

export interface ChangedFile {
  readonly path: string;
  /** The path at base, for a renamed file. */
  readonly previousPath?: string;
  readonly status: FileStatus;
  readonly additions: number;
  readonly deletions: number;
  readonly binary: boolean;
  /** Unified-diff hunks as GitHub gives them (from the first `@@`); absent when too large or binary. */
  readonly patch?: string;
  /** Why the adapter could not read this file's diff (a blob missing from git's store): the core names it unjudged. */
  readonly unreadable?: string;
}

export type Side = "base" | "head";

/** A file's content as read at one side; a reader says why it has no text rather than failing. */
export type FileContent =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "binary" }
  | { readonly kind: "too-large"; readonly bytes: number }
  | { readonly kind: "missing" };

export interface Change {
  /** Commit SHAs (or another stable id of each side, for in-memory changes). */
  readonly baseSha: string;
  readonly headSha: string;
  /** The files that differ, renames detected. */
  files(): Promise<readonly ChangedFile[]>;
  /** Every file path in the tree at that side (regular files only: no symlinks, no submodules). */
  tree(side: Side): Promise<readonly string[]>;
  /** Contents of many files at once: adapters batch these into as few reads as they can. */
  read(side: Side, paths: readonly string[]): Promise<ReadonlyMap<string, FileContent>>;
}

/** Files larger than this are not parsed: said in the verdict, never silently passed. */
export const MAX_PARSED_BYTES = 8 * 1024 * 1024;

/** A NUL byte in the first 8 KB is how git itself decides a file is binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

const utf8 = new TextDecoder("utf-8");

export function contentFromBytes(bytes: Uint8Array): FileContent {
  if (bytes.length > MAX_PARSED_BYTES) return { kind: "too-large", bytes: bytes.length };
  if (looksBinary(bytes)) return { kind: "binary" };
  return { kind: "text", text: utf8.decode(bytes) };
}
