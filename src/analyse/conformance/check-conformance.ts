import type { PlacedFinding } from "../../checks/rule-finding.js";
import type { AgentPart } from "../../checks/rules/part.js";
import type { Change, ChangedFile } from "../../gather/change.js";
import type { Score } from "../../score/score-schema.js";
import type { Note } from "../note.js";
import type { Violation } from "../violation.js";
import { isSourceFile } from "./extract-imports.js";
import { findCycles, type CycleFinding } from "./find-cycles.js";
import { fixedViolations, type FixedViolation } from "./fixed-violations.js";
import { graphCacheKey, type CommitGraph, type GraphCache } from "./graph-cache.js";
import { findingKey, judgeFile } from "./judge-file.js";
import { checkPart } from "./check-part.js";
import { buildModuleGraph, type GraphOptions, type ModuleGraph } from "./module-graph.js";
import { createModuleMap, type ModuleMap } from "./module-map.js";
import { openSide, readImports, type FileImports, type SideView } from "./read-imports.js";
import { isResolutionConfig } from "./resolve-imports.js";

export interface ConformanceInput {
  readonly score: Score;
  readonly change: Change;
  /** `change`: judge what base..head introduces; `all`: judge every file at head, with no baseline. */
  readonly scope: "change" | "all";
  readonly cache?: GraphCache;
  /** The part of the agent whose change this is (agents.parts): files outside its modules are `part` violations. */
  readonly part?: AgentPart;
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
  const headView = await openSide(change, "head");
  if (input.scope === "all") return checkAll(input, map, options, headView);

  const changed = await change.files();
  const judged = changed.filter((f) => f.status !== "removed" && isSourceFile(f.path) && !map.isIgnored(f.path));
  const notes: Note[] = notInTree(judged, headView);
  const head = await readImports(
    change,
    headView,
    judged.filter((f) => headView.files.has(f.path)).map((f) => f.path),
  );
  notes.push(...head.notes);

  const needsBaseGraph = score.rules.cycles !== "off";
  const baseView = await openSide(change, "base");
  const baseGraph = needsBaseGraph ? await commitGraph(change, baseView, change.baseSha, input.cache) : undefined;
  const baseOf = (f: ChangedFile) => (f.status === "renamed" ? (f.previousPath ?? f.path) : f.path);
  const withBase = judged.filter((f) => f.status !== "added" && baseView.files.has(baseOf(f)));
  // A removed source file takes its violations with it: they are fixed.
  const removed = changed.filter(
    (f) => f.status === "removed" && isSourceFile(f.path) && !map.isIgnored(f.path) && baseView.files.has(f.path),
  );
  const atBase = [...withBase, ...removed];
  const baseImports = baseGraph?.imports ?? (await readImports(change, baseView, atBase.map(baseOf))).imports;

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
    baseModuleGraph = buildModuleGraph(baseGraph.imports, options);
    const headImports = patchGraph(baseGraph.imports, head.imports, changed, headView, configsChanged(changed));
    headGraph = buildModuleGraph(headImports, options);
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
  return {
    violations: sortViolations(violations),
    notes,
    headGraph,
    baseGraph: baseModuleGraph,
    judgedFiles: judged.map((f) => f.path),
    fixed,
  };
}

async function checkAll(
  input: ConformanceInput,
  map: ModuleMap,
  options: GraphOptions,
  headView: SideView,
): Promise<ConformanceResult> {
  const { score, change } = input;
  const graph = await commitGraph(change, headView, change.headSha, input.cache);
  const judged: FileImports = new Map([...graph.imports].filter(([path]) => !map.isIgnored(path)));
  const violations = [...judged]
    .flatMap(([path, imports]) => judgeFile(path, imports, map, score.rules))
    .map((f) => toViolation(f, true));
  const headGraph = buildModuleGraph(judged, options);
  violations.push(
    ...findCycles(judged, headGraph, undefined, options, score.rules.cycles).map((c) => toViolation(c, true)),
  );
  const notes = graph.notes.filter((n) => !n.file || !map.isIgnored(n.file));
  // With no base there is nothing to have fixed.
  return { violations: sortViolations(violations), notes, headGraph, judgedFiles: [...judged.keys()], fixed: [] };
}

/** Every source file's imports at one commit, from the cache when it has them. */
async function commitGraph(
  change: Change,
  view: SideView,
  sha: string,
  cache: GraphCache | undefined,
): Promise<CommitGraph> {
  const key = graphCacheKey(sha);
  const cached = await cache?.get(key);
  if (cached) return cached;
  const { imports, notes } = await readImports(change, view, view.tree.filter(isSourceFile));
  const graph: CommitGraph = { imports, notes: [...notes, ...view.problems] };
  await cache?.set(key, graph);
  return graph;
}

/**
 * The head's imports from the base's, with the changed files swapped in. Unchanged files keep
 * their base resolution unless it can have moved: a config changed (all re-resolved) or the
 * file an import led to is gone (that import re-resolved).
 */
function patchGraph(
  base: FileImports,
  headChanged: FileImports,
  changed: readonly ChangedFile[],
  head: SideView,
  reResolveAll: boolean,
): FileImports {
  const gone = new Set(
    changed.flatMap((f) =>
      f.status === "removed" ? [f.path] : f.status === "renamed" && f.previousPath ? [f.previousPath] : [],
    ),
  );
  const touched = new Set(changed.map((f) => f.path));
  const result: FileImports = new Map();
  for (const [path, imports] of base) {
    if (gone.has(path) || touched.has(path)) continue;
    const stale = (target: (typeof imports)[number]["target"]) =>
      reResolveAll || target.kind === "unresolved" || (target.kind === "file" && !head.files.has(target.path));
    result.set(
      path,
      imports.map((imp) => (stale(imp.target) ? { ...imp, target: head.resolve(path, imp.specifier) } : imp)),
    );
  }
  for (const [path, imports] of headChanged) result.set(path, imports);
  return result;
}

function configsChanged(changed: readonly ChangedFile[]): boolean {
  return changed.some(
    (f) => isResolutionConfig(f.path) || (f.previousPath !== undefined && isResolutionConfig(f.previousPath)),
  );
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
