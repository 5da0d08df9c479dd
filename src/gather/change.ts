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

/** How often a file changed, and was fixed, in the weeks before the base commit: what risk reads as its history. */
export interface FileHistory {
  /** Commits (merges aside) that changed the file in the window. */
  readonly changes: number;
  /** Of those, the commits whose subject says they fix something. */
  readonly fixes: number;
}

/**
 * The window a file's history covers: this many days up to the base commit (never up to today, so old commits are
 * judged as they were).
 */
export const HISTORY_DAYS = 90;

/** A commit whose subject says it repairs something: `fix`, `fixes`, `bugfix`, `bug`. */
export function isFixSubject(subject: string): boolean {
  return /\b(?:fix(?:e[sd])?|bugfix|hotfix|bugs?)\b/i.test(subject);
}

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
  /**
   * The recent history at base of the given paths, in one batch (a path with no history maps to
   * zeros; a path left out was not looked up). Absent when the source cannot tell (a test fixture).
   */
  history?(paths: readonly string[]): Promise<ReadonlyMap<string, FileHistory>>;
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
