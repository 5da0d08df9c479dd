import picomatch from "picomatch";
import { GLOB_LIMITS } from "./glob-limits.js";

export type PathMatcher = (path: string) => boolean;

const OPTIONS = { dot: true } as const;

/**
 * Score globs match repository-relative paths with `/` separators; dotfiles match too.
 * A path longer than GLOB_LIMITS.pathLength is matched only by the globs that run in linear time
 * (see `isLinearGlob`): the others backtrack by a power of the path's length, and such paths are
 * chosen by whoever writes the change. `overlongPathNote` says so for the verdict.
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  const all = picomatch([...globs], OPTIONS);
  const linear = globs.filter(isLinearGlob);
  const linearOnly =
    linear.length === globs.length ? all : linear.length > 0 ? picomatch(linear, OPTIONS) : () => false;
  return (path) => (isOverlong(path) ? linearOnly(path) : all(path));
}

function isOverlong(path: string): boolean {
  if (path.length > GLOB_LIMITS.pathLength) return true;
  if (path.length <= GLOB_LIMITS.nameLength) return false;
  return path.split("/").some((name) => name.length > GLOB_LIMITS.nameLength);
}

/**
 * A glob whose regular expression cannot backtrack by more than a constant per character: no
 * alternatives, at most one `*` per folder (its end is fixed by the next `/`), and `**` only last
 * (it runs to the end of the path). So `src/**`, `.github/workflows/*.yml`, `apps/*` and a `*` folder
 * with more folders after it are linear; a leading `**` and `*.{ts,tsx}` are not.
 */
function isLinearGlob(glob: string): boolean {
  // scanToEnd: without it the scan stops at the first wildcard, and a brace or extglob after it goes unseen.
  const scan = picomatch.scan(glob, { scanToEnd: true });
  if (scan.isBrace || scan.isExtglob || scan.negatedExtglob) return false;
  const segments = glob.split("/");
  return segments.every((segment, i) =>
    segment === "**" ? i === segments.length - 1 : (segment.match(/\*+/g)?.length ?? 0) <= 1,
  );
}

/** What the verdict says of a path too long for most globs, or undefined when it is not. */
export function overlongPathNote(path: string): string | undefined {
  if (!isOverlong(path)) return undefined;
  const limits = `over ${GLOB_LIMITS.pathLength} characters, or with a name over ${GLOB_LIMITS.nameLength},`;
  return `${path.length > 80 ? `${path.slice(0, 80)}…` : path} is too long to match: Maestro matches paths ${limits} only against simple globs (one "*" per folder, "**" only at the end), so the score's other module, ignore and protected globs were not applied to it`;
}

/** What is wrong with a glob as a user wrote it, or undefined when it is usable. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "a glob must not be empty";
  if (glob.length > GLOB_LIMITS.length)
    return `a glob may be at most ${GLOB_LIMITS.length} characters long; this one is ${glob.length}`;
  if (glob.startsWith("/"))
    return `"${glob}" is absolute: paths are relative to the repository root (write "${glob.replace(/^\/+/, "")}")`;
  if (glob.startsWith("./")) return `"${glob}" starts with "./", which never matches: write "${glob.slice(2)}"`;
  if (glob.includes("\\")) return `"${glob}" contains "\\": use "/" between folders`;
  const complexity = complexityProblem(glob);
  if (complexity) return `"${glob}" ${complexity}`;
  try {
    picomatch.makeRe(glob, OPTIONS);
  } catch (error) {
    return `"${glob}" is not a valid glob: ${(error as Error).message}`;
  }
  return undefined;
}

/**
 * Globs become backtracking regular expressions: wildcards that compete for the same characters
 * (two `*` beside each other in a segment, several `**`, alternatives around them) multiply the
 * work per path. These shapes are refused with the limit and a way around it.
 */
function complexityProblem(glob: string): string | undefined {
  const scan = picomatch.scan(glob, { scanToEnd: true });
  if (scan.isExtglob || scan.negatedExtglob) {
    return "uses an extglob such as @(…), *(…), +(…), ?(…) or !(…), which Maestro does not accept: list the paths as several globs, or use {a,b}";
  }
  const segments = glob.split("/");
  // `**/**` matches what `**` matches: repeats count once.
  const globstars = segments.filter((segment, i) => segment === "**" && segments[i - 1] !== "**").length;
  const stars = segments.map((segment) => (segment === "**" ? 0 : (segment.match(/\*+/g)?.length ?? 0)));
  const crowded = stars.findIndex((n) => n > GLOB_LIMITS.starsPerSegment);
  if (crowded >= 0) {
    return `has ${stars[crowded]} "*" in "${segments[crowded]}": one folder or file name may have at most ${GLOB_LIMITS.starsPerSegment}, as in "*.test.*"; split it into several globs`;
  }
  // A whole `*` folder ends at the next `/` whatever comes next, so it competes with nothing.
  const wildcards = globstars + stars.reduce((sum, n, i) => sum + (segments[i] === "*" ? 0 : n), 0);
  if (wildcards > GLOB_LIMITS.wildcards) {
    return `has ${wildcards} wildcards ("*" or "**"): a glob may have at most ${GLOB_LIMITS.wildcards}, besides whole "*" folders, as in "packages/*/src/**/*.test.*"; split it into several globs`;
  }
  if (globstars > GLOB_LIMITS.globstars) {
    return `has ${globstars} "**": a glob may have at most ${GLOB_LIMITS.globstars}; split it into several globs, or name a folder instead of one "**"`;
  }
  const expansions = braceExpansions(glob);
  if (expansions > GLOB_LIMITS.braceExpansions) {
    return `spells out ${expansions} alternatives with {…}: a glob may spell out at most ${GLOB_LIMITS.braceExpansions}; split it into several globs`;
  }
  return undefined;
}

/** How many globs `{a,b}` alternatives expand to (nested groups multiply); `{1..9}` is one range. */
function braceExpansions(glob: string): number {
  let i = 0;
  // Capped so that a hostile glob cannot overflow the count.
  const cap = (n: number) => Math.min(n, 1_000_000);
  const sequence = (): number => {
    let product = 1;
    while (i < glob.length && glob[i] !== "," && glob[i] !== "}") {
      if (glob[i] === "{") {
        i++;
        product = cap(product * group());
      } else i++;
    }
    return product;
  };
  const group = (): number => {
    let total = 0;
    for (;;) {
      total = cap(total + sequence());
      if (i >= glob.length) return total;
      if (glob[i++] === "}") return total;
    }
  };
  let total = 1;
  while (i < glob.length) {
    total = cap(total * sequence());
    i++; // a stray "," or "}" outside any group is a literal
  }
  return total;
}

/** A path that `glob` certainly matches, to test whether an earlier glob shadows it. */
export function sampleMatch(glob: string): string {
  const { base, isGlob } = picomatch.scan(glob);
  if (!isGlob) return glob;
  return base ? `${base}/maestro-sample.ts` : "maestro-sample.ts";
}
