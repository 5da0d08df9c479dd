import { compileGlobs, globProblem, sampleMatch } from "./glob.js";
import type { KeyPath } from "./score-problem.js";
import type { Score } from "./score-schema.js";

export interface SemanticProblem {
  readonly severity: "error" | "warning";
  readonly path: KeyPath;
  readonly message: string;
}

/** Checks that need the whole score: names that must exist, globs that must work, thresholds in order. */
export function validateScore(score: Score): SemanticProblem[] {
  return [...moduleProblems(score), ...globProblems(score), ...riskProblems(score)];
}

function moduleProblems(score: Score): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const firstIndex = new Map<string, number>();
  score.modules.forEach((module, i) => {
    const earlier = firstIndex.get(module.name);
    if (earlier === undefined) firstIndex.set(module.name, i);
    else problems.push(error(["modules", i, "name"], `duplicate module "${module.name}" (also modules[${earlier}])`));
  });
  const known = [...firstIndex.keys()];
  score.modules.forEach((module, i) => {
    for (const key of ["may_use", "may_not_use"] as const) {
      (module[key] ?? []).forEach((name, j) => {
        if (!firstIndex.has(name)) problems.push(error(["modules", i, key, j], unknownModule(name, known)));
      });
    }
    for (const name of module.may_use ?? []) {
      if (module.may_not_use.includes(name)) {
        const j = module.may_not_use.indexOf(name);
        problems.push(warning(["modules", i, "may_not_use", j], `"${name}" is in both may_use and may_not_use: may_not_use wins`));
      }
    }
  });
  return [...problems, ...shadowedModules(score)];
}

/** A module whose glob is wholly inside an earlier module's never gets that file: say so. */
function shadowedModules(score: Score): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const matchers = score.modules.map((module) => compileGlobs(module.paths));
  score.modules.forEach((module, j) => {
    module.paths.forEach((glob, k) => {
      const sample = sampleMatch(glob);
      const i = matchers.findIndex((matches, index) => index < j && matches(sample));
      if (i < 0) return;
      const earlier = score.modules[i]?.name ?? "";
      problems.push(
        warning(
          ["modules", j, "paths", k],
          `overlaps module "${earlier}" (modules[${i}]): a file such as ${sample} belongs to "${earlier}", the first module that matches; list "${module.name}" first if that is not what you mean`,
        ),
      );
    });
  });
  return problems;
}

function globProblems(score: Score): SemanticProblem[] {
  const lists: [KeyPath, readonly string[]][] = [
    [["agents", "logins"], score.agents.logins],
    [["agents", "branches"], score.agents.branches],
    [["ignore"], score.ignore],
    ...score.modules.flatMap((m, i): [KeyPath, readonly string[]][] => [
      [["modules", i, "paths"], m.paths],
      [["modules", i, "public"], m.public ?? []],
    ]),
    ...score.protected.map((p, i): [KeyPath, readonly string[]] => [["protected", i, "paths"], p.paths]),
  ];
  return lists.flatMap(([path, globs]) =>
    globs.flatMap((glob, i) => {
      const problem = globProblem(glob);
      return problem ? [error([...path, i], problem)] : [];
    }),
  );
}

function riskProblems(score: Score): SemanticProblem[] {
  if (score.risk.review_at <= score.risk.block_at) return [];
  return [error(["risk", "review_at"], `review_at (${score.risk.review_at}) must not be above block_at (${score.risk.block_at})`)];
}

function unknownModule(name: string, known: readonly string[]): string {
  const list = known.length ? known.map((k) => `"${k}"`).join(", ") : "none declared";
  return `unknown module "${name}" (modules: ${list})`;
}

const error = (path: KeyPath, message: string): SemanticProblem => ({ severity: "error", path, message });
const warning = (path: KeyPath, message: string): SemanticProblem => ({ severity: "warning", path, message });
