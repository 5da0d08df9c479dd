import type { ModuleMap } from "./module-map.js";
import { KIND_FILE, KIND_MASK, TYPE_ONLY, type PackedImports } from "./packed-imports.js";
import type { ResolvedImport } from "./read-imports.js";

/** Where a module edge is first seen: enough to point a person at it. */
export interface EdgeWitness {
  readonly file: string;
  readonly line: number;
}

/** from module → to module → one import that makes the edge. */
export type ModuleGraph = Map<string, Map<string, EdgeWitness>>;

export interface GraphOptions {
  readonly map: ModuleMap;
  readonly includeTypeImports: boolean;
}

/**
 * The module a file's import leads to, when the import is an edge between two different modules.
 * An ignored file makes no edges of its own, but an import of one is an edge to its module.
 */
export function moduleEdge(
  file: string,
  imp: ResolvedImport,
  { map, includeTypeImports }: GraphOptions,
): [string, string] | undefined {
  if (imp.target.kind !== "file" || (imp.typeOnly && !includeTypeImports)) return undefined;
  if (map.isIgnored(file)) return undefined;
  const from = map.moduleOf(file)?.name;
  const to = map.moduleOf(imp.target.path)?.name;
  return from && to && from !== to ? [from, to] : undefined;
}

export function buildModuleGraph(
  imports: ReadonlyMap<string, readonly ResolvedImport[]>,
  options: GraphOptions,
): ModuleGraph {
  const graph: ModuleGraph = new Map();
  for (const [file, list] of imports) {
    for (const imp of list) {
      const edge = moduleEdge(file, imp, options);
      if (!edge) continue;
      const [from, to] = edge;
      const targets = graph.get(from) ?? new Map<string, EdgeWitness>();
      graph.set(from, targets);
      if (!targets.has(to)) targets.set(to, { file, line: imp.line });
    }
  }
  return graph;
}

/** A module edge's weight: how many imports make it, and the first of them. */
export interface EdgeTally {
  count: number;
  witness: EdgeWitness;
  /** Where the witness's file comes in the commit's file order: an earlier file that makes the edge takes over. */
  rank: number;
}

/** from module → to module → its tally: a graph that files can be taken out of and put back in. */
export type CountedGraph = Map<string, Map<string, EdgeTally>>;

/**
 * The module edges of a whole commit, counted from its packed rows: each distinct path is placed in its module once,
 * and no import becomes an object.
 */
export function countModuleEdges(packed: PackedImports, options: GraphOptions): CountedGraph {
  const { strings, files, starts, target, flags, line } = packed.columns;
  const { map, includeTypeImports } = options;
  const modules: (string | null | undefined)[] = new Array(strings.length);
  const moduleAt = (at: number) => {
    let name = modules[at];
    if (name === undefined) modules[at] = name = map.moduleOf(strings[at] as string)?.name ?? null;
    return name;
  };
  const graph: CountedGraph = new Map();
  for (let i = 0; i < files.length; i++) {
    const fileAt = files[i] as number;
    const file = strings[fileAt] as string;
    if (starts[i] === starts[i + 1] || map.isIgnored(file)) continue;
    const from = moduleAt(fileAt);
    if (!from) continue;
    for (let row = starts[i] as number; row < (starts[i + 1] as number); row++) {
      const bits = flags[row] as number;
      if ((bits & KIND_MASK) !== KIND_FILE || ((bits & TYPE_ONLY) !== 0 && !includeTypeImports)) continue;
      const to = moduleAt(target[row] as number);
      if (!to || to === from) continue;
      addEdge(graph, from, to, { file, line: line[row] as number }, i);
    }
  }
  return graph;
}

/** One more import making from → to; the witness is the import of the file that comes first. */
export function addEdge(graph: CountedGraph, from: string, to: string, witness: EdgeWitness, rank: number): void {
  let targets = graph.get(from);
  if (!targets) graph.set(from, (targets = new Map()));
  const tally = targets.get(to);
  if (!tally) targets.set(to, { count: 1, witness, rank });
  else {
    if (tally.count === 0 || rank < tally.rank) Object.assign(tally, { witness, rank });
    tally.count++;
  }
}

/** A counted graph copied (one entry per module edge: modules, not files). */
export function copyCounts(graph: CountedGraph): CountedGraph {
  return new Map(
    [...graph].map(([from, targets]) => [from, new Map([...targets].map(([to, t]) => [to, { ...t }]))] as const),
  );
}

/** The edges that some import still makes, with their witnesses. */
export function moduleGraphOf(counted: CountedGraph): ModuleGraph {
  const graph: ModuleGraph = new Map();
  for (const [from, targets] of counted) {
    const kept = new Map<string, EdgeWitness>();
    for (const [to, tally] of targets) if (tally.count > 0) kept.set(to, tally.witness);
    if (kept.size > 0) graph.set(from, kept);
  }
  return graph;
}

/** Tarjan's strongly connected components, iterative so a deep graph cannot overflow the stack. */
export function componentsOf(graph: ModuleGraph): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  let components = 0;
  const nodes = new Set<string>([...graph.keys(), ...[...graph.values()].flatMap((t) => [...t.keys()])]);

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (graph.get(node) ?? new Map<string, EdgeWitness>()).keys() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target))
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return component;
}

/** The shortest path of modules from `from` to `to` (breadth-first), or undefined. */
export function shortestPath(graph: ModuleGraph, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (node === to) {
      const path = [to];
      for (let at = to; at !== from;) path.unshift((at = previous.get(at) as string));
      return path;
    }
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}
