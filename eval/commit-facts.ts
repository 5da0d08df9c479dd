import type { ModuleMap } from "../src/analyse/conformance/index.js";
import { LOCKFILES, baseName, dirName, isTest } from "../src/checks/file-kinds.js";
import type { ChangedFile } from "../src/gather/change.js";

/** Raw facts of a change, for fitting weights: what the signals are computed from, before any points. */
export interface CommitFacts {
  readonly filesChanged: number;
  /** Lines added and deleted, lockfiles excluded (a lockfile's churn is a tool's, not a person's). */
  readonly linesAdded: number;
  readonly linesDeleted: number;
  readonly lockfileLines: number;
  readonly testFilesChanged: number;
  readonly directories: number;
  /** Modules of the score with a changed file. */
  readonly modules: number;
}

export function commitFacts(files: readonly ChangedFile[], map: ModuleMap): CommitFacts {
  let linesAdded = 0;
  let linesDeleted = 0;
  let lockfileLines = 0;
  const directories = new Set<string>();
  const modules = new Set<string>();
  for (const file of files) {
    if (LOCKFILES.has(baseName(file.path))) lockfileLines += file.additions + file.deletions;
    else {
      linesAdded += file.additions;
      linesDeleted += file.deletions;
    }
    directories.add(dirName(file.path));
    const module = map.moduleOf(file.path);
    if (module) modules.add(module.name);
  }
  return {
    filesChanged: files.length,
    linesAdded,
    linesDeleted,
    lockfileLines,
    testFilesChanged: files.filter((f) => isTest(f.path)).length,
    directories: directories.size,
    modules: modules.size,
  };
}
