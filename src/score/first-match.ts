import picomatch from "picomatch";
import { compileGlobs, type PathMatcher } from "../shared/glob.js";

export interface FirstMatch {
  /** The index of the first list with a glob that matches `path`, or undefined when none does. */
  indexOf(path: string): number | undefined;
  /** Globs tried so far, so that a caller can bound its work. */
  readonly comparisons: number;
}

interface Entry {
  readonly index: number;
  readonly matches: PathMatcher;
}

/**
 * Which of many glob lists (a score's modules, in order) first matches a path, without trying
 * every glob: each glob is filed under its literal folder prefix (`packages/app` for
 * `packages/app/src/**`), and a path tries only the globs filed under one of its own prefixes.
 * A score of thousands of modules, one folder each, costs a few tries per path instead of thousands.
 */
export function createFirstMatch(lists: readonly (readonly string[])[]): FirstMatch {
  const byPrefix = new Map<string, Entry[]>();
  lists.forEach((globs, index) => {
    for (const glob of globs) {
      const prefix = literalPrefix(glob);
      const entries = byPrefix.get(prefix) ?? [];
      // Entries are filed in list order, so the first that matches in a bucket is its earliest.
      entries.push({ index, matches: compileGlobs([glob]) });
      byPrefix.set(prefix, entries);
    }
  });
  let comparisons = 0;
  return {
    indexOf(path) {
      let best: number | undefined;
      for (const prefix of prefixesOf(path)) {
        for (const entry of byPrefix.get(prefix) ?? []) {
          if (best !== undefined && entry.index >= best) break;
          comparisons++;
          if (entry.matches(path)) {
            best = entry.index;
            break;
          }
        }
      }
      return best;
    },
    get comparisons() {
      return comparisons;
    },
  };
}

/**
 * The folders a glob's matches all start with: `src/domain` for `src/domain/**`, the whole glob
 * when it has no wildcard, "" when it may match anywhere (a negation, or a wildcard up front).
 * Characters picomatch may read as syntax end the prefix, so that it never claims too much.
 */
function literalPrefix(glob: string): string {
  const scan = picomatch.scan(glob);
  if (scan.negated || scan.negatedExtglob) return "";
  const special = scan.base.search(/[()[\]{}?*!+@|\\]/);
  const base = special < 0 ? scan.base : scan.base.slice(0, Math.max(0, scan.base.lastIndexOf("/", special)));
  return base.replace(/\/+$/, "");
}

/** "", "a", "a/b" and "a/b/c.ts" for "a/b/c.ts": every literal prefix a matching glob may have. */
function* prefixesOf(path: string): Generator<string> {
  yield "";
  for (let slash = path.indexOf("/"); slash >= 0; slash = path.indexOf("/", slash + 1)) yield path.slice(0, slash);
  yield path;
}
