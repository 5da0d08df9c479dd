import type { ChangedFile, FileStatus } from "../change.js";
import { patchesByPath } from "./patches-by-path.js";
import { pipeGit, runGit } from "./run-git.js";

/** One record of `git diff --raw`: the file, and the blobs at each side (to tell which cannot be read). */
interface RawEntry {
  readonly path: string;
  readonly previousPath?: string;
  readonly status: FileStatus;
  readonly blobs: readonly string[];
}

interface Counts {
  additions: number;
  deletions: number;
  binary: boolean;
}

/**
 * The files base..head differ in, with counts and patches, each paired with its file by path.
 * One blob git cannot read (missing from the object store) does not fail the change: the other
 * files are diffed without it, and it is returned with `unreadable` set, for the core to name.
 */
export async function diffFiles(repoDir: string, base: string, head: string): Promise<ChangedFile[]> {
  const { entries, renames } = await listEntries(repoDir, base, head);

  let unreadable = new Map<string, string>();
  let diffs: { counts: Map<string, Counts>; patches: Map<string, string> };
  try {
    diffs = await readDiffs(repoDir, base, head, renames, entries, []);
  } catch (error) {
    unreadable = await unreadableFiles(repoDir, entries);
    if (unreadable.size === 0) throw error;
    const skipped = entries.filter((e) => unreadable.has(e.path)).flatMap((e) => (e.previousPath ? [e.path, e.previousPath] : [e.path]));
    diffs = await readDiffs(repoDir, base, head, renames, entries, skipped);
  }

  return entries.map(({ path, previousPath, status }) => {
    const why = unreadable.get(path);
    const count = diffs.counts.get(path);
    const binary = count?.binary ?? false;
    const patch = binary ? undefined : diffs.patches.get(path);
    return {
      path,
      ...(previousPath !== undefined ? { previousPath } : {}),
      status,
      additions: count?.additions ?? 0,
      deletions: count?.deletions ?? 0,
      binary,
      ...(patch !== undefined ? { patch } : {}),
      ...(why !== undefined ? { unreadable: why } : {}),
    };
  });
}

/**
 * Rename detection reads the content of every added and removed file, so one unreadable blob fails
 * it: the change is then listed without renames rather than not at all (a rename reads as a removal
 * and an addition, judged whole).
 */
async function listEntries(repoDir: string, base: string, head: string): Promise<{ entries: RawEntry[]; renames: string }> {
  const list = (renames: string) => runGit(repoDir, ["diff", "--raw", "-z", renames, "--no-abbrev", base, head]);
  const withRenames = await list("-M").catch(() => undefined);
  if (withRenames) return { entries: parseRaw(withRenames.toString("utf8")), renames: "-M" };
  return { entries: parseRaw((await list("--no-renames")).toString("utf8")), renames: "--no-renames" };
}

async function readDiffs(repoDir: string, base: string, head: string, renames: string, entries: readonly RawEntry[], skipped: readonly string[]) {
  // `:(exclude,literal)` leaves out a path exactly as written, whatever characters it holds.
  const pathspec = skipped.length ? ["--", ...skipped.map((p) => `:(exclude,literal)${p}`)] : [];
  const [numstat, patch] = await Promise.all([
    runGit(repoDir, ["diff", "--numstat", "-z", renames, base, head, ...pathspec]),
    // Explicit prefixes: a user's diff.noprefix or diff.mnemonicPrefix must not change the headers we match.
    runGit(repoDir, ["diff", "-p", renames, "--no-color", "--no-ext-diff", "-U3", "--src-prefix=a/", "--dst-prefix=b/", base, head, ...pathspec]),
  ]);
  return { counts: parseNumstat(numstat.toString("utf8")), patches: patchesByPath(patch.toString("utf8"), entries) };
}

/** Files with a blob at either side that `git cat-file` says is missing, with why. */
async function unreadableFiles(repoDir: string, entries: readonly RawEntry[]): Promise<Map<string, string>> {
  const blobs = [...new Set(entries.flatMap((e) => e.blobs))];
  const out = await pipeGit(repoDir, ["cat-file", "--batch-check"], blobs.map((b) => `${b}\n`).join(""));
  const missing = new Set(
    out
      .toString("utf8")
      .split("\n")
      .filter((line) => line.endsWith(" missing"))
      .map((line) => line.slice(0, -" missing".length)),
  );
  const result = new Map<string, string>();
  for (const entry of entries) {
    const blob = entry.blobs.find((b) => missing.has(b));
    if (blob) result.set(entry.path, `git cannot read blob ${blob}: it is missing from the object store`);
  }
  return result;
}

const STATUS: Record<string, FileStatus> = { A: "added", M: "modified", D: "removed", R: "renamed", T: "modified" };
const NO_BLOB = /^0+$/;
const GITLINK = "160000";

/** `:oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]` records of `git diff --raw -z`. */
function parseRaw(text: string): RawEntry[] {
  const fields = text.split("\0");
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const [oldMode = "", newMode = "", oldSha = "", newSha = "", letters = "M"] = (fields[i++] as string).slice(1).split(" ");
    const status = STATUS[letters[0] ?? "M"] ?? "modified";
    // A submodule's "blob" is a commit of another repository: never in this object store.
    const blobs = [
      [oldMode, oldSha],
      [newMode, newSha],
    ].flatMap(([mode, sha]) => (mode !== GITLINK && sha && !NO_BLOB.test(sha) ? [sha] : []));
    if (status === "renamed") {
      const previousPath = fields[i++] as string;
      entries.push({ path: fields[i++] as string, previousPath, status, blobs });
    } else {
      entries.push({ path: fields[i++] as string, status, blobs });
    }
  }
  return entries;
}

/** `add\tdel\tpath\0` or, for a rename, `add\tdel\t\0old\0new\0`; `-\t-` marks a binary file. Keyed by path at head. */
function parseNumstat(text: string): Map<string, Counts> {
  const fields = text.split("\0");
  const counts = new Map<string, Counts>();
  for (let i = 0; i < fields.length - 1; ) {
    const record = fields[i++] as string;
    const [add = "0", del = "0"] = record.split("\t");
    const inline = record.slice(add.length + del.length + 2);
    let path = inline;
    if (inline === "") {
      i++; // the path at base
      path = fields[i++] as string;
    }
    const earlier = counts.get(path);
    const binary = add === "-" && del === "-";
    counts.set(path, {
      additions: (earlier?.additions ?? 0) + (Number(add) || 0),
      deletions: (earlier?.deletions ?? 0) + (Number(del) || 0),
      binary: (earlier?.binary ?? false) || binary,
    });
  }
  return counts;
}
