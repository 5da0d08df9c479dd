import type { PlacedFinding } from "../../checks/rule-finding.js";
import type { AgentPart } from "../../checks/rules/part.js";
import type { Change, ChangedFile, Side } from "../../gather/change.js";
import type { Score } from "../../score/score-schema.js";
import type { Note } from "../note.js";
import type { Violation } from "../violation.js";
import { configImpact } from "./config-impact.js";
import { newStats, type ConformanceStats } from "./conformance-stats.js";
import { findCycles, type CycleFinding } from "./find-cycles.js";
import { fixedViolations, type FixedViolation } from "./fixed-violations.js";
import { graphCacheKey, type CommitGraph, type GraphCache } from "./graph-cache.js";
import { findingKey, judgeFile } from "./judge-file.js";
import { checkPart } from "./check-part.js";
import {
  buildModuleGraph,
  countModuleEdges,
  moduleGraphOf,
  type CountedGraph,
  type GraphOptions,
  type ModuleGraph,
} from "./module-graph.js";
import { moduleCountsKey } from "./module-counts-key.js";
import { createModuleMap, type ModuleMap } from "./module-map.js";
import { packImports } from "./packed-imports.js";
import { patchModuleGraph } from "./patch-module-graph.js";
import { openSide, readImports, type FileImports, type SideView } from "./read-imports.js";
import { isResolutionConfig, mayBeExtendedConfig } from "./resolution-config.js";
import { isSourceFile } from "./source-files.js";

export interface ConformanceInput {
  readonly score: Score;
  readonly change: Change;
  /** `change`: judge what base..head introduces; `all`: judge every file at head, with no baseline. */
  readonly scope: "change" | "all";
  readonly cache?: GraphCache;
  /** The part of the agent whose change this is (agents.parts): files outside its modules are `part` violations. */
  readonly part?: AgentPart;
  /** Filled with what the check cost (files parsed, imports resolved), when the caller wants to know. */
  readonly stats?: ConformanceStats;
}

export interface ConformanceResult {
  readonly violations: Violation[];
  readonly notes: Note[];
  /** The head's module graph, for the report's picture of the edges a change adds. */
  readonly headGraph: ModuleGraph;
  readonly baseGraph?: ModuleGraph;
  readonly judgedFiles: readonly string[];
  /** Violations at base, in the files the change touches, that are gone at head: what the change repairs. */
  readonly fixed: readonly FixedViolation[];
}

/** SPEC §2, conformance: every rule on what the change brings, new violations told from existing ones. */
export async function checkConformance(input: ConformanceInput): Promise<ConformanceResult> {
  const { score, change } = input;
  const map = createModuleMap(score);
  const options: GraphOptions = { map, includeTypeImports: score.rules.type_imports === "check" };
  if (input.scope === "all") return checkAll(input, map, options, await openSide(change, "head"));

  const changed = await change.files();
  const work = input.stats ?? newStats();
  // With no source file and no resolution config changed, no import can have moved: the graphs are left unread.
  if (
    !changed.some((f) => mayMoveImports(f.path) || (f.previousPath !== undefined && mayMoveImports(f.previousPath)))
  ) {
    work.conformance = "nothing to judge";
    return {
      violations: checkPart(map, changed, input.part, score.rules.part),
      notes: [{ unjudged: false, message: NOTHING_TO_JUDGE }],
      headGraph: new Map(),
      judgedFiles: [],
      fixed: [],
    };
  }
  work.conformance = "judged";
  const headView = await openSide(change, "head");
  const judged = changed.filter((f) => f.status !== "removed" && isSourceFile(f.path) && !map.isIgnored(f.path));
  const notes: Note[] = notInTree(judged, headView);
  const needsBaseGraph = score.rules.cycles !== "off";
  // The base graph is read while the changed files are parsed: the two wait on different things.
  const [head, baseGraph] = await Promise.all([
    readImports(
      change,
      headView,
      judged.filter((f) => headView.files.has(f.path)).map((f) => f.path),
    ),
    needsBaseGraph ? commitGraph(change, "base", input.cache, work, map, input.score.ignore) : undefined,
  ]);
  notes.push(...head.notes);

  const baseOf = (f: ChangedFile) => (f.status === "renamed" ? (f.previousPath ?? f.path) : f.path);
  // What the base holds, from its graph when there is one: its file list is then not listed again.
  let baseView: SideView | undefined;
  baseGraph?.imports.locate(
    changed.flatMap((f) => (f.previousPath === undefined ? [f.path] : [f.path, f.previousPath])),
  );
  // The graph holds no ignored file, and a file renamed out of `ignore` has nothing at base to compare with: it was
  // never judged there (`judgeFile`), so all its imports are new.
  const atBaseSide = async (path: string) =>
    baseGraph ? baseGraph.imports.has(path) : (baseView ??= await openSide(change, "base")).files.has(path);
  const withBase: ChangedFile[] = [];
  for (const f of judged) if (f.status !== "added" && (await atBaseSide(baseOf(f)))) withBase.push(f);
  // A removed source file takes its violations with it: they are fixed.
  const removed: ChangedFile[] = [];
  for (const f of changed)
    if (f.status === "removed" && isSourceFile(f.path) && !map.isIgnored(f.path) && (await atBaseSide(f.path)))
      removed.push(f);
  const atBase = [...withBase, ...removed];
  const baseImports =
    baseGraph?.imports ??
    (await readImports(change, baseView ?? (await openSide(change, "base")), atBase.map(baseOf))).imports;

  // Renames are followed on both ends of an edge: the importing file and the file it imports.
  const renamed = new Map(
    changed.filter((f) => f.status === "renamed" && f.previousPath).map((f) => [f.previousPath as string, f.path]),
  );
  const baseFindings: PlacedFinding[] = [];
  for (const f of atBase) {
    const imports = baseImports.get(baseOf(f));
    if (!imports) continue;
    for (const finding of judgeFile(f.path, imports, map, score.rules, baseOf(f)))
      baseFindings.push({ ...finding, edge: renamed.get(finding.edge) ?? finding.edge });
  }
  const existing = new Set(baseFindings.map(findingKey));
  const findings = [...head.imports].flatMap(([path, imports]) => judgeFile(path, imports, map, score.rules));
  const violations = findings.map((f) => toViolation(f, !existing.has(findingKey(f))));
  violations.push(...checkPart(map, changed, input.part, score.rules.part));

  let headGraph: ModuleGraph = new Map();
  let baseModuleGraph: ModuleGraph | undefined;
  let baseCycles: CycleFinding[] = [];
  let headCycles: CycleFinding[] = [];
  if (baseGraph) {
    const baseCounts = await moduleCounts(baseGraph, change.baseSha, score, options, input.cache);
    baseModuleGraph = moduleGraphOf(baseCounts);
    const impact = await configImpact(change, changed);
    work.configs = impact.all ? "all imports" : impact.none ? "none" : "some imports";
    const patched = await patchModuleGraph({
      base: baseGraph.imports,
      baseCounts,
      headChanged: head.imports,
      changed,
      head: headView,
      impact,
      options,
    });
    headGraph = patched.graph;
    // An unchanged file whose import a changed config moved (a tsconfig's paths, a package's exports) is judged on
    // its new edges: a boundary the config change crosses is the change's violation, at that import.
    for (const [path, imports] of patched.moved) {
      const before = new Set(
        judgeFile(path, baseGraph.imports.get(path) ?? [], map, score.rules).map((f) => findingKey(f)),
      );
      for (const finding of judgeFile(path, imports, map, score.rules))
        if (!before.has(findingKey(finding))) violations.push(toViolation(finding, true));
    }
    headCycles = findCycles(head.imports, headGraph, baseModuleGraph, options, score.rules.cycles);
    violations.push(...headCycles.map((c) => toViolation(c, !c.existedAtBase)));
    // The loops the changed files were on at base (judged under their base path's module, named by their head path).
    const changedAtBase: FileImports = new Map(
      atBase.flatMap((f) => {
        const imports = baseGraph.imports.get(baseOf(f));
        return imports ? [[baseOf(f), imports] as const] : [];
      }),
    );
    const headPath = new Map(atBase.map((f) => [baseOf(f), f.path]));
    baseCycles = findCycles(changedAtBase, baseModuleGraph, baseModuleGraph, options, score.rules.cycles).map((c) => ({
      ...c,
      file: headPath.get(c.file) ?? c.file,
    }));
  } else {
    headGraph = buildModuleGraph(head.imports, options);
  }
  const gone = new Set(removed.map((f) => f.path));
  // A file not read whole at head (unreadable, or an import that leads nowhere) is unjudged, not clean: it fixed
  // nothing.
  const unjudged = new Set(head.notes.filter((n) => n.unjudged).map((n) => n.file));
  const fixed = fixedViolations(
    [...baseFindings, ...baseCycles],
    [...findings, ...headCycles],
    (file) => gone.has(file) || (head.imports.has(file) && !unjudged.has(file)),
  );
  // Read last: re-resolving unchanged files above may meet a config no changed file used.
  notes.push(...headView.problems);
  work.parsed += headView.work.parsed + (baseView?.work.parsed ?? 0);
  work.resolved += headView.work.resolved + (baseView?.work.resolved ?? 0);
  return {
    violations: sortViolations(violations),
    notes,
    headGraph,
    baseGraph: baseModuleGraph,
    judgedFiles: judged.map((f) => f.path),
    fixed,
  };
}

/** What the verdict says when a change touches no source file and no config that steers imports. */
export const NOTHING_TO_JUDGE =
  "conformance had nothing to judge: no source file and no resolution config (tsconfig, jsconfig, package.json, pnpm-workspace.yaml) changed";

function mayMoveImports(path: string): boolean {
  return isSourceFile(path) || isResolutionConfig(path) || mayBeExtendedConfig(path);
}

async function checkAll(
  input: ConformanceInput,
  map: ModuleMap,
  options: GraphOptions,
  headView: SideView,
): Promise<ConformanceResult> {
  const { score, change } = input;
  const work = input.stats ?? newStats();
  work.conformance = "judged";
  const graph = await commitGraph(change, "head", input.cache, work, map, score.ignore, headView);
  const judged: FileImports = new Map([...graph.imports].filter(([path]) => !map.isIgnored(path)));
  const violations = [...judged]
    .flatMap(([path, imports]) => judgeFile(path, imports, map, score.rules))
    .map((f) => toViolation(f, true));
  const headGraph = buildModuleGraph(judged, options);
  violations.push(
    ...findCycles(judged, headGraph, undefined, options, score.rules.cycles).map((c) => toViolation(c, true)),
  );
  const notes = graph.notes.filter((n) => !n.file || !map.isIgnored(n.file));
  work.parsed += headView.work.parsed;
  work.resolved += headView.work.resolved;
  // With no base there is nothing to have fixed.
  return { violations: sortViolations(violations), notes, headGraph, judgedFiles: [...judged.keys()], fixed: [] };
}

/**
 * Every source file's imports at one commit but those the score ignores (never judged, and no module edge starts at
 * them: parsing them was a sixth of a cold check on a real monorepo), from the cache when it has them (then its tree is
 * not even listed). The cache key names the `ignore` it was read under.
 */
async function commitGraph(
  change: Change,
  side: Side,
  cache: GraphCache | undefined,
  work: ConformanceStats,
  map: ModuleMap,
  ignore: readonly string[],
  opened?: SideView,
): Promise<CommitGraph> {
  const key = graphCacheKey(side === "base" ? change.baseSha : change.headSha, ignore);
  const cached = await cache?.get(key);
  if (cached) {
    work.graph = "cached";
    return cached;
  }
  work.graph = "built";
  const view = opened ?? (await openSide(change, side));
  const sources = view.tree.filter((path) => isSourceFile(path) && !map.isIgnored(path));
  const { imports, notes } = await readImports(change, view, sources);
  const graph: CommitGraph = { imports: packImports(imports), notes: [...notes, ...view.problems] };
  if (!opened) {
    work.parsed += view.work.parsed;
    work.resolved += view.work.resolved;
  }
  await cache?.set(key, graph);
  return graph;
}

/** A commit's module edges under this score's modules, counted once and cached beside its graph. */
async function moduleCounts(
  graph: CommitGraph,
  sha: string,
  score: Score,
  options: GraphOptions,
  cache: GraphCache | undefined,
): Promise<CountedGraph> {
  const key = moduleCountsKey(sha, score, options.includeTypeImports);
  const cached = await cache?.getCounts(key);
  if (cached) return cached;
  const counts = countModuleEdges(graph.imports, options);
  await cache?.setCounts(key, counts);
  return counts;
}

/** A changed path that is not a regular file at head (a symlink, a submodule) has no source to judge. */
function notInTree(judged: readonly ChangedFile[], head: SideView): Note[] {
  return judged
    .filter((f) => !head.files.has(f.path))
    .map((f) => ({
      file: f.path,
      unjudged: false,
      message: `${f.path} is not a regular file at head (a symlink or submodule): not judged`,
    }));
}

function toViolation(f: PlacedFinding, introduced: boolean): Violation {
  const { rule, file, line, column, from, to, specifier, message } = f;
  const severity = introduced && f.severity === "error" ? "error" : "warn";
  const text = introduced ? message : `${message} (already at base: not blocking)`;
  return { rule, severity, file, line, column, from, to, specifier, message: text, introduced };
}

function sortViolations(violations: Violation[]): Violation[] {
  return violations.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column,
  );
}
