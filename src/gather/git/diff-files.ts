import type { ChangedFile } from "../change.js";
import { parseBatchCheck } from "./parse-batch-check.js";
import { parseNumstat, type Counts } from "./parse-numstat.js";
import { parseRawDiff, type RawEntry } from "./parse-raw-diff.js";
import { patchesByPath } from "./patches-by-path.js";
import { pipeGit, runGit } from "./run-git.js";

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
    const skipped = entries
      .filter((e) => unreadable.has(e.path))
      .flatMap((e) => (e.previousPath ? [e.path, e.previousPath] : [e.path]));
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
async function listEntries(
  repoDir: string,
  base: string,
  head: string,
): Promise<{ entries: RawEntry[]; renames: string }> {
  const list = (renames: string) => runGit(repoDir, ["diff", "--raw", "-z", renames, "--no-abbrev", base, head]);
  const withRenames = await list("-M").catch(() => undefined);
  if (withRenames) return { entries: parseRawDiff(withRenames.toString("utf8")), renames: "-M" };
  return { entries: parseRawDiff((await list("--no-renames")).toString("utf8")), renames: "--no-renames" };
}

async function readDiffs(
  repoDir: string,
  base: string,
  head: string,
  renames: string,
  entries: readonly RawEntry[],
  skipped: readonly string[],
) {
  // `:(exclude,literal)` leaves out a path exactly as written, whatever characters it holds.
  const pathspec = skipped.length ? ["--", ...skipped.map((p) => `:(exclude,literal)${p}`)] : [];
  const [numstat, patch] = await Promise.all([
    runGit(repoDir, ["diff", "--numstat", "-z", renames, base, head, ...pathspec]),
    // Explicit prefixes: a user's diff.noprefix or diff.mnemonicPrefix must not change the headers we match.
    runGit(repoDir, [
      "diff",
      "-p",
      renames,
      "--no-color",
      "--no-ext-diff",
      "-U3",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      base,
      head,
      ...pathspec,
    ]),
  ]);
  return { counts: parseNumstat(numstat.toString("utf8")), patches: patchesByPath(patch.toString("utf8"), entries) };
}

/** Files with a blob at either side that `git cat-file` says is missing, with why. */
async function unreadableFiles(repoDir: string, entries: readonly RawEntry[]): Promise<Map<string, string>> {
  const blobs = [...new Set(entries.flatMap((e) => e.blobs))];
  const out = await pipeGit(repoDir, ["cat-file", "--batch-check"], blobs.map((b) => `${b}\n`).join(""));
  const missing = parseBatchCheck(out.toString("utf8"));
  const result = new Map<string, string>();
  for (const entry of entries) {
    const blob = entry.blobs.find((b) => missing.has(b));
    if (blob) result.set(entry.path, `git cannot read blob ${blob}: it is missing from the object store`);
  }
  return result;
}
