import { places, plural } from "../evidence-text.js";
import { isCode, isGenerated, isTest } from "../file-kinds.js";
import type { PatchLines, RiskFacts } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Lines that are no logic by themselves: comments, imports and re-exports, type and interface declarations. */
const NOT_LOGIC =
  /^\s*(?:\/\/|\/?\*|#|import\b|export\s+(?:type\s+)?(?:\*|\{[^}]*\}\s*from)|\}\s*from\s|(?:export\s+)?(?:declare\s+)?(?:type|interface)\b|package\s|using\s)/;
/** A line that does something: a branch, a loop, a return or throw, a call, an assignment, a function. */
const LOGIC =
  /\b(?:if|else|for|while|do|switch|case|return|throw|try|catch|finally|await|yield|new|def|func|fn|lambda)\b|[\w$)\]]\s*\(|[^=!<>:?]=(?!=)|=>|\+\+|--|&&|\|\|/;

/** A module gains at least this many lines of logic, with no test changed in it, for the signal to fire at half. */
const UNTESTED_LOGIC_LINES = 20;
/** From this many untested lines of logic (over the modules that reach the first step), full strength. */
const FULL_AT = 50;

/**
 * Logic added to a module while no test of that module changed. Counting any code changed without a test fired on
 * half of all commits and told good changes from bad ones no better than chance: renames, deletions, config, docs,
 * type-only and tiny edits are no untested behaviour. So only added lines of logic count, in judged source files (not
 * ignored, not tests, not generated, not `.d.ts`), and only when they reach 20 in one module whose tests did not change
 * (half), or 50 (full). A test in no module (a top-level `test/` folder) may test any of them, so it counts for all.
 * On theia's 2025–26 history this fires on 17 % of commits no later fix repaired and on 54 % of those one did (the old
 * rule: 60 % and 66 %). Its 10 points never reach `review_at` alone, nor with `size`'s first steps.
 */
export const untested = defineSignal({
  id: "untested",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 0.691, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 14,
  explanation: {
    title: "Untested",
    meaning:
      "A module gained 20 or more lines of logic (branches, calls, assignments; not comments, imports or type declarations) in judged source files, and no test in that module changed: half the points from 20 lines, full from 50. A test in no module counts for every module.",
    fix: "Add or update tests that cover the change.",
  },
  evaluate(facts) {
    const tested = testedModules(facts);
    if (tested === "all") return undefined;
    const byModule = new Map<string, Evidence[]>();
    const linesOf = new Map<string, number>();
    for (const file of facts.files) {
      if (!isJudgedSource(file.path, facts) || file.status === "removed" || file.binary) continue;
      const logic = addedLogic(facts.lines(file));
      const module = facts.modules.moduleOf(file.path)?.name ?? "";
      if (logic === 0 || tested.has(module)) continue;
      byModule.set(module, [
        ...(byModule.get(module) ?? []),
        { file: file.path, what: `+${plural(logic, "line")} of logic` },
      ]);
      linesOf.set(module, (linesOf.get(module) ?? 0) + logic);
    }
    const evidence = [...byModule]
      .filter(([module]) => (linesOf.get(module) ?? 0) >= UNTESTED_LOGIC_LINES)
      .flatMap(([, files]) => files);
    if (evidence.length === 0) return undefined;
    const lines = [...linesOf.values()].reduce((sum, n) => sum + (n >= UNTESTED_LOGIC_LINES ? n : 0), 0);
    return {
      strength: lines >= FULL_AT ? 1 : 0.5,
      detail: `${plural(lines, "line")} of logic added with no test changed in the same module: ${places(evidence)}`,
      evidence,
    };
  },
});

/** Lines of logic the patch adds, less those it only moves: a line removed and added again is no new behaviour. */
function addedLogic({ added, removed }: PatchLines): number {
  const moved = new Map<string, number>();
  for (const r of removed) moved.set(r.text.trim(), (moved.get(r.text.trim()) ?? 0) + 1);
  let count = 0;
  for (const { text } of added) {
    const left = moved.get(text.trim()) ?? 0;
    if (left > 0) moved.set(text.trim(), left - 1);
    else if (!NOT_LOGIC.test(text) && LOGIC.test(text)) count++;
  }
  return count;
}

function isJudgedSource(path: string, { modules }: Pick<RiskFacts, "modules">): boolean {
  return isCode(path) && !path.endsWith(".d.ts") && !isTest(path) && !isGenerated(path) && !modules.isIgnored(path);
}

/** The modules whose tests changed (added or modified, not deleted); "all" when a test in no module changed. */
function testedModules({ files, modules }: Pick<RiskFacts, "files" | "modules">): Set<string> | "all" {
  const tested = new Set<string>();
  for (const file of files) {
    if (file.status === "removed" || !isTest(file.path)) continue;
    const module = modules.moduleOf(file.path);
    if (!module) return "all";
    tested.add(module.name);
  }
  return tested;
}
