import type { ModuleMap } from "./module-map.js";
import type { FileImports, ResolvedImport } from "./read-imports.js";

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

export function buildModuleGraph(imports: FileImports, options: GraphOptions): ModuleGraph {
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
