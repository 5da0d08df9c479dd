import { compileGlobs } from "../../shared/glob.js";
import type { ModuleSpec, Score } from "../../score/score-schema.js";

export interface ModuleMap {
  /** The module a file belongs to: the first whose paths match. */
  moduleOf(path: string): ModuleSpec | undefined;
  /**
   * The score's `ignore`: such a file is never judged as a source (its own imports are not checked),
   * but importing it is still an edge, to its module, or `unmapped` when it is in none.
   */
  isIgnored(path: string): boolean;
  isPublic(module: ModuleSpec, path: string): boolean;
  byName(name: string): ModuleSpec | undefined;
}

export function createModuleMap(score: Score): ModuleMap {
  const modules = score.modules.map((module) => ({
    module,
    matches: compileGlobs(module.paths),
    isPublic: module.public ? compileGlobs(module.public) : () => true,
  }));
  const ignored = compileGlobs(score.ignore);
  // Both are asked for every import of every file: remember the answers per path.
  const memo = new Map<string, ModuleSpec | undefined>();
  const ignoredMemo = new Map<string, boolean>();
  const names = new Map(score.modules.map((m) => [m.name, m]));
  return {
    moduleOf(path) {
      if (memo.has(path)) return memo.get(path);
      const found = modules.find((m) => m.matches(path))?.module;
      memo.set(path, found);
      return found;
    },
    isIgnored(path) {
      let answer = ignoredMemo.get(path);
      if (answer === undefined) ignoredMemo.set(path, (answer = ignored(path)));
      return answer;
    },
    isPublic: (module, path) => modules.find((m) => m.module === module)?.isPublic(path) ?? true,
    byName: (name) => names.get(name),
  };
}
