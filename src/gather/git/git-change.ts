import {
  HISTORY_DAYS,
  type Change,
  type ChangedFile,
  type FileContent,
  type FileHistory,
  type Side,
} from "../change.js";
import { diffFiles } from "./diff-files.js";
import { parseCatFileBatch } from "./parse-cat-file-batch.js";
import { parseFileHistory } from "./parse-file-history.js";
import { parseLsTree } from "./parse-ls-tree.js";
import { GitError, pipeGit, runGit } from "./run-git.js";

export interface GitChangeOptions {
  readonly repoDir: string;
  /** A ref or SHA; default: the merge-base of head with the default branch. */
  readonly base?: string;
  /** A ref or SHA; default: HEAD. */
  readonly head?: string;
}

/** The change base..head of a local git repository. */
export async function openGitChange(options: GitChangeOptions): Promise<Change> {
  const { repoDir } = options;
  await runGit(repoDir, ["rev-parse", "--git-dir"]).catch(() => {
    throw new GitError(`${repoDir} is not a git repository`);
  });
  const headSha = await resolveCommit(repoDir, options.head ?? "HEAD", "--head");
  const baseSha =
    options.base !== undefined
      ? await resolveCommit(repoDir, options.base, "--base")
      : await defaultBase(repoDir, headSha);

  const trees = new Map<Side, Promise<Map<string, string>>>();
  let files: Promise<ChangedFile[]> | undefined;
  const blobsOf = (side: Side) => {
    let tree = trees.get(side);
    if (!tree) trees.set(side, (tree = listTree(repoDir, side === "base" ? baseSha : headSha)));
    return tree;
  };
  return {
    baseSha,
    headSha,
    files: () => (files ??= diffFiles(repoDir, baseSha, headSha)),
    tree: async (side) => [...(await blobsOf(side)).keys()],
    // A few files of a side whose tree is not listed yet (the score, the base of the changed files) are looked up
    // alone: listing a whole tree costs 0.1 s per 50,000 files.
    read: async (side, paths) => {
      const listed = trees.get(side);
      const few = !listed && paths.length <= FEW_PATHS && paths.every((p) => p.length < 1024);
      const blobs = few ? await listPaths(repoDir, side === "base" ? baseSha : headSha, paths) : await blobsOf(side);
      return readBlobs(repoDir, blobs, paths);
    },
    history: (paths) => readHistory(repoDir, baseSha, paths),
  };
}

/** Paths per `git log` call: well under any command line's limit. */
const HISTORY_BATCH = 500;

/**
 * The commits (merges aside) reachable from base that touched each path in the HISTORY_DAYS before
 * the base commit's own date, in one `git log` per 500 paths.
 */
async function readHistory(
  repoDir: string,
  baseSha: string,
  paths: readonly string[],
): Promise<Map<string, FileHistory>> {
  const history = new Map<string, FileHistory>();
  if (paths.length === 0) return history;
  const baseTime = Number((await runGit(repoDir, ["show", "-s", "--format=%ct", baseSha])).toString("utf8").trim());
  const since = `@${baseTime - HISTORY_DAYS * 86_400}`;
  for (let i = 0; i < paths.length; i += HISTORY_BATCH) {
    const batch = paths.slice(i, i + HISTORY_BATCH);
    const pathspecs = batch.map((p) => `:(literal)${p}`);
    const out = await runGit(repoDir, [
      "log",
      "--no-merges",
      `--since=${since}`,
      "--format=%x1e%s",
      "--name-only",
      "-z",
      baseSha,
      "--",
      ...pathspecs,
    ]);
    for (const [path, counts] of parseFileHistory(out.toString("utf8"), batch)) history.set(path, counts);
  }
  return history;
}

async function resolveCommit(repoDir: string, ref: string, flag: string): Promise<string> {
  try {
    const out = await runGit(repoDir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    return out.toString("utf8").trim();
  } catch {
    throw new GitError(`${flag} "${ref}" is not a commit in ${repoDir}`);
  }
}

async function defaultBase(repoDir: string, headSha: string): Promise<string> {
  const candidates: string[] = [];
  const originHead = await runGit(repoDir, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]).catch(
    () => undefined,
  );
  if (originHead) candidates.push(originHead.toString("utf8").trim());
  candidates.push("origin/main", "origin/master", "main", "master");
  for (const ref of candidates) {
    const out = await runGit(repoDir, ["merge-base", headSha, ref]).catch(() => undefined);
    if (out) return out.toString("utf8").trim();
  }
  throw new GitError(
    `cannot find the default branch (tried ${candidates.join(", ")}) to compare with: pass --base REF`,
  );
}

/** Up to this many paths are looked up one by one rather than by listing the whole tree. */
const FEW_PATHS = 100;

/** path → blob SHA of the regular files among `paths` at a commit, without listing the rest of its tree. */
async function listPaths(repoDir: string, sha: string, paths: readonly string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const out = await runGit(repoDir, ["ls-tree", "-z", "--full-tree", sha, "--", ...paths.map((p) => `:(literal)${p}`)]);
  return parseLsTree(out.toString("utf8"));
}

/** path → blob SHA of every regular file at a commit. */
async function listTree(repoDir: string, sha: string): Promise<Map<string, string>> {
  const out = await runGit(repoDir, ["ls-tree", "-r", "-z", "--full-tree", sha]);
  return parseLsTree(out.toString("utf8"));
}

/**
 * One `git cat-file --batch` for all the paths, asked by blob SHA: thousands of files cost one
 * process, and no lookup walks a tree (which is linear in a folder's size).
 */
async function readBlobs(
  repoDir: string,
  blobs: ReadonlyMap<string, string>,
  paths: readonly string[],
): Promise<Map<string, FileContent>> {
  const result = new Map<string, FileContent>();
  const asked = paths.filter((p) => blobs.has(p));
  for (const p of paths) if (!blobs.has(p)) result.set(p, { kind: "missing" });
  if (asked.length === 0) return result;
  const out = await pipeGit(repoDir, ["cat-file", "--batch"], asked.map((p) => `${blobs.get(p)}\n`).join(""));
  for (const [path, content] of parseCatFileBatch(out, asked)) result.set(path, content);
  return result;
}
