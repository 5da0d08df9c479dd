import { createFirstMatch } from "./first-match.js";
import { globProblem, sampleMatch } from "../shared/glob.js";
import { SCORE_LIMITS } from "./score-limits.js";
import type { KeyPath } from "./score-problem.js";
import { podiumSettings, type Score } from "./score-schema.js";

export interface SemanticProblem {
  readonly severity: "error" | "warning";
  readonly path: KeyPath;
  readonly message: string;
}

/**
 * Checks that need the whole score: names that must exist, globs that must work, thresholds in
 * order. Each check is linear in the score's size (or bounded), and a score past SCORE_LIMITS is
 * refused before any of them, so no score keeps the app busy.
 */
export function validateScore(score: Score): SemanticProblem[] {
  const tooLarge = sizeProblems(score);
  if (tooLarge.length > 0) return tooLarge;
  const globs = globProblems(score);
  // Overlaps are looked for only among globs that compile.
  const overlaps = globs.length === 0 ? shadowedModules(score) : [];
  return [...moduleProblems(score), ...partProblems(score), ...overlaps, ...globs, ...riskProblems(score)];
}

function sizeProblems(score: Score): SemanticProblem[] {
  if (score.modules.length > SCORE_LIMITS.modules) {
    const message = `the score declares ${count(score.modules.length)} modules; Maestro reads at most ${count(SCORE_LIMITS.modules)}: give a module a folder glob that covers several packages ("packages/billing-*/**")`;
    return [error(["modules"], message)];
  }
  const globs = allGlobLists(score).reduce((sum, [, list]) => sum + list.length, 0);
  if (globs > SCORE_LIMITS.globs) {
    return [
      error(
        [],
        `the score has ${count(globs)} globs; Maestro reads at most ${count(SCORE_LIMITS.globs)}: one glob per folder ("src/billing/**") covers many files`,
      ),
    ];
  }
  return [];
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
    const mayNotUse = new Map(module.may_not_use.map((name, j) => [name, j] as const).reverse());
    for (const name of module.may_use ?? []) {
      const j = mayNotUse.get(name);
      if (j !== undefined)
        problems.push(
          warning(["modules", i, "may_not_use", j], `"${name}" is in both may_use and may_not_use: may_not_use wins`),
        );
    }
  });
  return problems;
}

/**
 * `agents.parts`: each names known modules and some way to be matched, and no two claim the same app, login,
 * branch or label, written the same (apps, logins and labels match without case, so they are compared so): a PR
 * plays one part.
 */
function partProblems(score: Score): SemanticProblem[] {
  const problems: SemanticProblem[] = [...appProblems(score.agents.apps ?? [], ["agents", "apps"])];
  const known = score.modules.map((m) => m.name);
  const knownSet = new Set(known);
  const names = new Map<string, number>();
  const claimed = new Map<string, { part: number; key: string }>();
  score.agents.parts.forEach((part, i) => {
    const at = ["agents", "parts", i] as const;
    const earlier = names.get(part.name);
    if (earlier === undefined) names.set(part.name, i);
    else problems.push(error([...at, "name"], `duplicate part "${part.name}" (also agents.parts[${earlier}])`));
    part.modules.forEach((name, j) => {
      if (!knownSet.has(name)) problems.push(error([...at, "modules", j], unknownModule(name, known)));
    });
    if (part.logins.length + part.branches.length + part.labels.length + (part.apps?.length ?? 0) === 0)
      problems.push(
        error([...at, "name"], `part "${part.name}" matches no PR: give it logins, branches, labels or apps`),
      );
    problems.push(...appProblems(part.apps ?? [], [...at, "apps"]));
    (part.apps ?? []).forEach((app, k) => {
      const other = claimed.get(`apps:${String(app).toLowerCase()}`);
      if (other === undefined) claimed.set(`apps:${String(app).toLowerCase()}`, { part: i, key: "apps" });
      else if (other.part !== i) {
        const owner = score.agents.parts[other.part]?.name ?? "";
        const message = `${JSON.stringify(app)} is also in part "${owner}" (agents.parts[${other.part}].apps): overlapping parts; a PR plays one part, so give each agent its own apps`;
        problems.push(error([...at, "apps", k], message));
      }
    });
    for (const key of ["logins", "branches", "labels"] as const) {
      part[key].forEach((value, k) => {
        const id = `${key}:${key === "branches" ? value : value.toLowerCase()}`;
        const other = claimed.get(id);
        if (other === undefined) claimed.set(id, { part: i, key });
        else if (other.part !== i) {
          const owner = score.agents.parts[other.part]?.name ?? "";
          const message = `"${value}" is also in part "${owner}" (agents.parts[${other.part}].${key}): overlapping parts; a PR plays one part, so give each agent its own ${key}`;
          problems.push(error([...at, key, k], message));
        }
      });
    }
    problems.push(...trustProblems(score, part, i));
    if (part.max_risk !== undefined && part.max_risk >= score.risk.review_at)
      problems.push(
        warning(
          [...at, "max_risk"],
          `max_risk (${part.max_risk}) is not below review_at (${score.risk.review_at}): a conductor signs off from review_at anyway, so it changes nothing`,
        ),
      );
  });
  return problems;
}

/**
 * An app is named by its slug (`copilot-swe-agent`) or its numeric id. A slug written as its bot's login (with
 * `[bot]`), or an id written as a string, would never match: each is said, with what to write instead.
 */
function appProblems(apps: readonly (string | number)[], at: KeyPath): SemanticProblem[] {
  return apps.flatMap((app, k): SemanticProblem[] => {
    if (typeof app === "number") return [];
    if (/^\d+$/.test(app))
      return [error([...at, k], `"${app}" is an id written as a string: write it as a number, ${app}`)];
    const bot = /^(.*)\[bot\]$/i.exec(app);
    if (bot) return [error([...at, k], `"${app}" is a bot's login: an app is its slug, "${bot[1] ?? ""}", or its id`)];
    if (!/^[a-z0-9][a-z0-9_-]*$/i.test(app))
      return [error([...at, k], `"${app}" is not an app slug: a slug is letters, digits, '-' and '_'`)];
    return [];
  });
}

/**
 * `trust` reads the agent's record from the podium: without the podium there is no record, so it could never apply;
 * without a limit it could never be exceeded; at or above review_at it could never lower it. Each is said, not ignored.
 */
function trustProblems(score: Score, part: Score["agents"]["parts"][number], i: number): SemanticProblem[] {
  const trust = part.trust;
  if (trust === undefined) return [];
  const at = ["agents", "parts", i, "trust"] as const;
  const problems: SemanticProblem[] = [];
  if (!podiumSettings(score).enabled)
    problems.push(
      error(
        [...at],
        `part "${part.name}" has trust, which reads its record on the podium, but the podium is off: set \`podium: true\``,
      ),
    );
  if (trust.max_block_rate === undefined && trust.max_override_rate === undefined)
    problems.push(
      error([...at], `part "${part.name}"'s trust has no limit: give it max_block_rate, max_override_rate or both`),
    );
  if (trust.review_at >= score.risk.review_at)
    problems.push(
      warning(
        [...at, "review_at"],
        `trust.review_at (${trust.review_at}) is not below review_at (${score.risk.review_at}): it can never lower it, so it changes nothing`,
      ),
    );
  return problems;
}

/**
 * A module whose glob is wholly inside an earlier module's never gets that file: say so. Each glob
 * asks which module first matches a file it certainly matches; the work is bounded, and a score
 * built to exhaust it is told where the check stopped.
 */
function shadowedModules(score: Score): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const first = createFirstMatch(score.modules.map((module) => module.paths));
  const firstBySample = new Map<string, number | undefined>();
  for (const [j, module] of score.modules.entries()) {
    for (const [k, glob] of module.paths.entries()) {
      if (first.comparisons > SCORE_LIMITS.overlapComparisons) {
        const message = `Maestro stopped looking for overlapping modules here, after ${count(SCORE_LIMITS.overlapComparisons)} comparisons: modules whose globs start with a folder ("src/billing/**") are compared with far fewer`;
        return [...problems, warning(["modules", j, "paths", k], message)];
      }
      const sample = sampleMatch(glob);
      if (!firstBySample.has(sample)) firstBySample.set(sample, first.indexOf(sample));
      const i = firstBySample.get(sample);
      if (i === undefined || i >= j) continue;
      const earlier = score.modules[i]?.name ?? "";
      problems.push(
        warning(
          ["modules", j, "paths", k],
          `overlaps module "${earlier}" (modules[${i}]): a file such as ${sample} belongs to "${earlier}", the first module that matches; list "${module.name}" first if that is not what you mean`,
        ),
      );
    }
  }
  return problems;
}

function globProblems(score: Score): SemanticProblem[] {
  return allGlobLists(score).flatMap(([path, globs]) =>
    globs.flatMap((glob, i) => {
      const problem = globProblem(glob);
      return problem ? [error([...path, i], problem)] : [];
    }),
  );
}

function allGlobLists(score: Score): [KeyPath, readonly string[]][] {
  return [
    [["agents", "logins"], score.agents.logins],
    [["agents", "branches"], score.agents.branches],
    ...score.agents.parts.flatMap((p, i): [KeyPath, readonly string[]][] => [
      [["agents", "parts", i, "logins"], p.logins],
      [["agents", "parts", i, "branches"], p.branches],
    ]),
    [["ignore"], score.ignore],
    ...score.modules.flatMap((m, i): [KeyPath, readonly string[]][] => [
      [["modules", i, "paths"], m.paths],
      [["modules", i, "public"], m.public ?? []],
    ]),
    ...score.protected.map((p, i): [KeyPath, readonly string[]] => [["protected", i, "paths"], p.paths]),
  ];
}

function riskProblems(score: Score): SemanticProblem[] {
  if (score.risk.review_at <= score.risk.block_at) return [];
  return [
    error(
      ["risk", "review_at"],
      `review_at (${score.risk.review_at}) must not be above block_at (${score.risk.block_at})`,
    ),
  ];
}

/** Names at most ten modules: a message per unknown name must not grow with the score. */
function unknownModule(name: string, known: readonly string[]): string {
  if (known.length === 0) return `unknown module "${name}" (modules: none declared)`;
  const shown = known
    .slice(0, 10)
    .map((k) => `"${k}"`)
    .join(", ");
  const more = known.length > 10 ? `, and ${count(known.length - 10)} more` : "";
  return `unknown module "${name}" (modules: ${shown}${more})`;
}

const count = (n: number) => n.toLocaleString("en-US");

const error = (path: KeyPath, message: string): SemanticProblem => ({ severity: "error", path, message });
const warning = (path: KeyPath, message: string): SemanticProblem => ({ severity: "warning", path, message });
