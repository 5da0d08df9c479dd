import type { ChangedFile } from "../../gather/change.js";
import type { ConfigImpact } from "./config-impact.js";
import { isResolutionConfig } from "./resolution-config.js";
import { isSourceFile } from "./source-files.js";
import {
  addEdge,
  copyCounts,
  moduleEdge,
  moduleGraphOf,
  type CountedGraph,
  type EdgeTally,
  type GraphOptions,
  type ModuleGraph,
} from "./module-graph.js";
import { KIND_FILE, KIND_MASK, KIND_UNRESOLVED, targetAt, type PackedImports } from "./packed-imports.js";
import type { FileImports, ResolvedImport, SideView } from "./read-imports.js";

export interface PatchInput {
  readonly base: PackedImports;
  /** The base's module edges, counted (not changed here). */
  readonly baseCounts: CountedGraph;
  /** The changed files' imports at head. */
  readonly headChanged: FileImports;
  readonly changed: readonly ChangedFile[];
  readonly head: SideView;
  readonly impact: ConfigImpact;
  readonly options: GraphOptions;
}

/**
 * The head's module graph as the base's counts minus the edges of the files the change touches and plus their edges
 * at head. An unchanged file keeps its base resolution unless it can have moved: the file an import led to is gone, an
 * import that led nowhere may lead to a file the change adds, or a changed config steers it (`impact`); only those
 * imports are resolved again. The base's files stay packed: no copy of the file graph is made.
 */
export async function patchModuleGraph(input: PatchInput): Promise<PatchedGraph> {
  const { base, headChanged, changed, head, impact, options } = input;
  const c = base.columns;
  const touched = new Set(changed.flatMap((f) => (f.previousPath === undefined ? [f.path] : [f.path, f.previousPath])));
  // A path that is new at head, or was not a source read at base (a symlink turned file), can be where an import that
  // led nowhere leads now.
  const appeared = changed.some(
    (f) =>
      f.status === "added" ||
      f.status === "renamed" ||
      (f.status === "modified" && !isResolutionConfig(f.path) && !(isSourceFile(f.path) && base.has(f.path))),
  );
  // Every import the base graph leads to a file led to a file of the base tree: only a changed path can be gone.
  const gonePaths = new Set([...touched].filter((path) => !head.files.has(path)));
  const gone = new Uint8Array(gonePaths.size === 0 ? 0 : c.strings.length);
  if (gonePaths.size > 0)
    for (let at = 0; at < c.strings.length; at++) gone[at] = gonePaths.has(c.strings[at] as string) ? 1 : 0;
  const goneAtHead = (at: number) => gone[at] === 1;
  const out: number[] = [];
  const moved = new Map<number, number[]>();
  for (let i = 0; i < c.files.length; i++) {
    const path = c.strings[c.files[i] as number] as string;
    if (touched.has(path)) {
      out.push(i);
      continue;
    }
    let rows: number[] | undefined;
    for (let row = c.starts[i] as number; row < (c.starts[i + 1] as number); row++) {
      const kind = (c.flags[row] as number) & KIND_MASK;
      const stale =
        (kind === KIND_FILE && goneAtHead(c.target[row] as number)) ||
        (kind === KIND_UNRESOLVED && appeared) ||
        (!impact.none && impact.affects(path, c.strings[c.specifier[row] as number] as string, targetAt(c, row)));
      if (stale) (rows ??= []).push(row);
    }
    if (rows) {
      out.push(i);
      moved.set(i, rows);
    }
  }

  // The unchanged files whose imports can have moved, resolved again where they can have.
  const again = new Map<number, ResolvedImport[]>();
  if (moved.size > 0) {
    const resolve = await head.resolver();
    for (const [i, rows] of moved) {
      const path = base.pathAt(i);
      const first = c.starts[i] as number;
      const imports = base.importsAt(i);
      for (const row of rows) {
        const imp = imports[row - first] as ResolvedImport;
        imports[row - first] = { ...imp, target: resolve(path, imp.specifier) };
      }
      again.set(i, imports);
    }
  }

  const counts = copyCounts(input.baseCounts);
  const outPaths = new Set(out.map((i) => base.pathAt(i)));
  const lostWitness = new Set<EdgeTally>();
  for (const i of out) {
    const path = base.pathAt(i);
    for (const imp of base.importsAt(i)) {
      const edge = moduleEdge(path, imp, options);
      const tally = edge && counts.get(edge[0])?.get(edge[1]);
      if (!tally) continue;
      tally.count--;
      if (tally.witness.file === path) lostWitness.add(tally);
    }
  }
  // An edge whose first file went out, still made by unchanged files: the next of them, in the base's order.
  for (const [from, targets] of counts) {
    for (const [to, tally] of targets) {
      if (!lostWitness.has(tally)) continue;
      const start = tally.rank;
      tally.rank = Number.POSITIVE_INFINITY;
      for (let i = start + 1; i < c.files.length && tally.count > 0; i++) {
        const path = base.pathAt(i);
        if (outPaths.has(path)) continue;
        const imp = base.importsAt(i).find((m) => sameEdge(moduleEdge(path, m, options), from, to));
        if (imp) {
          Object.assign(tally, { witness: { file: path, line: imp.line }, rank: i });
          break;
        }
      }
    }
  }
  const put = (path: string, imports: readonly ResolvedImport[], rank: number) => {
    for (const imp of imports) {
      const edge = moduleEdge(path, imp, options);
      if (edge) addEdge(counts, edge[0], edge[1], { file: path, line: imp.line }, rank);
    }
  };
  for (const [i, imports] of again) put(base.pathAt(i), imports, i);
  let rank = c.files.length;
  for (const [path, imports] of headChanged) put(path, imports, rank++);
  return { graph: moduleGraphOf(counts), moved: new Map([...again].map(([i, imports]) => [base.pathAt(i), imports])) };
}

/** The head's module graph, and the unchanged files whose imports were resolved again (a config moved them). */
export interface PatchedGraph {
  readonly graph: ModuleGraph;
  readonly moved: FileImports;
}

function sameEdge(edge: [string, string] | undefined, from: string, to: string): boolean {
  return edge !== undefined && edge[0] === from && edge[1] === to;
}
