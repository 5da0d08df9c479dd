import type { ChangedFile } from "../gather/change.js";
import { compileGlobs } from "../shared/glob.js";
import type { ProtectedEntry } from "./risk-facts.js";

/**
 * The score's `protected:` entries a changed file falls under, at its path or, renamed, at the one it left. The
 * `protected` signal asks for each file's entries; `ci-infra` asks so as not to count the same file again.
 */
export function protectedMatcher(entries: readonly ProtectedEntry[]): (file: ChangedFile) => ProtectedEntry[] {
  const compiled = entries.map((entry) => ({ entry, matches: compileGlobs(entry.paths) }));
  return (file) =>
    compiled
      .filter(({ matches }) => matches(file.path) || (file.previousPath !== undefined && matches(file.previousPath)))
      .map(({ entry }) => entry);
}
