import picomatch from "picomatch";

export type PathMatcher = (path: string) => boolean;

/** Score globs match repository-relative paths with `/` separators; dotfiles match too. */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true });
}

/** What is wrong with a glob as a user wrote it, or undefined when it is usable. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "a glob must not be empty";
  if (glob.startsWith("/")) return `"${glob}" is absolute: paths are relative to the repository root (write "${glob.replace(/^\/+/, "")}")`;
  if (glob.startsWith("./")) return `"${glob}" starts with "./", which never matches: write "${glob.slice(2)}"`;
  if (glob.includes("\\")) return `"${glob}" contains "\\": use "/" between folders`;
  try {
    picomatch.makeRe(glob, { dot: true });
  } catch (error) {
    return `"${glob}" is not a valid glob: ${(error as Error).message}`;
  }
  return undefined;
}

/** A path that `glob` certainly matches, to test whether an earlier glob shadows it. */
export function sampleMatch(glob: string): string {
  const { base, isGlob } = picomatch.scan(glob);
  if (!isGlob) return glob;
  return base ? `${base}/maestro-sample.ts` : "maestro-sample.ts";
}
