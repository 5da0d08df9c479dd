import { LOCKFILES, baseName } from "../src/checks/file-kinds.js";
import { runGit } from "../src/gather/git/run-git.js";
import { parseBlame } from "./parse-blame.js";
import { parseDeletedLines } from "./parse-deleted-lines.js";
import type { History } from "./read-history.js";

export interface FixInducingOptions {
  readonly repoDir: string;
  readonly history: History;
  readonly landedBy: ReadonlyMap<string, string>;
  /**
   * A first-parent commit: fixes after it are read, and blame stops there (lines last touched at or
   * before it are nobody's in the window). Absent: the whole history.
   */
  readonly boundary?: string;
  /** Fixes blamed at once (each a `git diff` and a `git blame` per file). */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface FixInducingLabels {
  /** First-parent commit → the fix commits that repaired lines it wrote. */
  readonly fixInducing: Map<string, string[]>;
  readonly fixes: number;
  readonly blamedLines: number;
  /** Files whose blame failed, each named: counted in the report, never silently dropped. */
  readonly failures: { readonly fix: string; readonly path: string; readonly error: string }[];
}

/**
 * A fix commit's subject says so: `fix`, `fixes`, `bugfix`, `bug` at the start of a word. Not
 * `/fix|bug/` alone, which takes every `debug:` commit of a repository with a debugger for a fix.
 */
export const FIX_SUBJECT = /\b(?:fix|bug|hotfix)/i;

/**
 * SZZ-lite: for each later first-parent commit whose subject says it fixes something, the lines it
 * deletes or changes are blamed in its parent; the first-parent commits that last touched them are
 * fix-inducing. Blank, comment-only and bracket-only lines (`});`, which blame on whoever last
 * moved a block) are not blamed, nor are lockfiles and generated files.
 */
export async function labelFixInducing(options: FixInducingOptions): Promise<FixInducingLabels> {
  const { history, landedBy, boundary } = options;
  const from = boundary === undefined ? 0 : history.firstParent.indexOf(boundary) + 1;
  const fixes = history.firstParent.slice(from).filter((sha) => {
    const commit = history.commits.get(sha);
    return commit !== undefined && commit.parents.length > 0 && FIX_SUBJECT.test(commit.subject);
  });
  const fixInducing = new Map<string, string[]>();
  const failures: { fix: string; path: string; error: string }[] = [];
  let blamedLines = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < fixes.length) {
      const fix = fixes[next++] as string;
      const found = await blameFix(options.repoDir, fix, boundary, failures);
      blamedLines += found.length;
      for (const sha of found) {
        const landed = landedBy.get(sha);
        if (landed === undefined || landed === fix) continue;
        const list = fixInducing.get(landed) ?? [];
        if (!list.includes(fix)) list.push(fix);
        fixInducing.set(landed, list);
      }
      options.onProgress?.(++done, fixes.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return { fixInducing, fixes: fixes.length, blamedLines, failures };
}

/** The commits (one per blamed line) that last touched the lines `fix` deletes or changes. */
async function blameFix(
  repoDir: string,
  fix: string,
  boundary: string | undefined,
  failures: { fix: string; path: string; error: string }[],
): Promise<string[]> {
  const diff = await runGit(repoDir, ["diff", "-U0", "--no-color", "--no-ext-diff", "-M", `${fix}^1`, fix]);
  const blamed: string[] = [];
  for (const file of parseDeletedLines(diff.toString("utf8"))) {
    if (!isBlamed(file.path)) continue;
    const numbers = file.lines.filter((l) => !isBlankOrComment(l.text)).map((l) => l.number);
    if (numbers.length === 0) continue;
    const ranges = toRanges(numbers).flatMap(([a, b]) => ["-L", `${a},${b}`]);
    const revision = boundary === undefined ? `${fix}^1` : `${boundary}..${fix}^1`;
    try {
      const out = await runGit(repoDir, [
        "blame",
        "--porcelain",
        "-w",
        "--root",
        "--first-parent",
        ...ranges,
        revision,
        "--",
        file.path,
      ]);
      blamed.push(...parseBlame(out.toString("utf8")));
    } catch (error) {
      failures.push({ fix, path: file.path, error: (error as Error).message });
    }
  }
  return blamed;
}

/** Lockfiles, source maps, minified bundles and generated folders are written by tools: no one's bug. */
function isBlamed(path: string): boolean {
  const name = baseName(path);
  return !(
    LOCKFILES.has(name) ||
    /\.map$|\.min\.[a-z]+$/.test(name) ||
    /(^|\/)(generated|gen|dist)\//.test(path) ||
    /\.generated\./.test(name) ||
    /^CHANGELOG/i.test(name)
  );
}

function isBlankOrComment(text: string): boolean {
  const t = text.trim();
  return t === "" || /^(\/\/|\/\*|\*|#(\s|!|$))/.test(t) || /^[{}()[\];,]*$/.test(t);
}

/** Sorted line numbers → inclusive [first, last] runs, one `-L` each. */
function toRanges(numbers: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else ranges.push([n, n]);
  }
  return ranges;
}
