import { componentsOf, type CountedGraph, type ModuleGraph } from "../../analyse/conformance/index.js";
import type { Violation } from "../../analyse/violation.js";
import type { RuleId } from "../../checks/rules/index.js";

/** A module as the picture draws it: its name, and whether the score says what it may import. */
export interface ArchitectureModule {
  readonly name: string;
  /** `may_use` is declared; without it the module may import any module, and is drawn dashed. */
  readonly constrained: boolean;
}

/** One module edge at head. */
export interface ArchitectureEdge {
  readonly from: string;
  readonly to: string;
  /** How many imports make the edge. */
  readonly imports: number;
  /** The rules its imports break (boundary, public-api…), sorted; empty when none. */
  readonly rules: readonly RuleId[];
  /** Its two modules import each other, directly or through others. */
  readonly onCycle: boolean;
}

export interface Architecture {
  /** In the score's order. */
  readonly modules: readonly ArchitectureModule[];
  /** By importing module, then imported module, in the score's order. */
  readonly edges: readonly ArchitectureEdge[];
  /** Violations that lie on no edge between two modules (a forbidden package, an unmapped file, a part). */
  readonly offEdge: readonly Violation[];
}

export type EdgeKind = "violation" | "cycle" | "plain";

/** How an edge is drawn: a broken rule outranks a cycle, which the cycle rule (when on) reports too. */
export function edgeKind(edge: ArchitectureEdge): EdgeKind {
  return edge.rules.length > 0 ? "violation" : edge.onCycle ? "cycle" : "plain";
}

/**
 * The facts every format draws: the score's modules, the module edges at head with their import counts, the
 * violations on them and the cycles they close. Cycles are read from the edges, not from the cycle rule, so they show
 * whatever `rules.cycles` says.
 */
export function architectureOf(
  modules: readonly { readonly name: string; readonly may_use?: readonly string[] }[],
  counts: CountedGraph,
  violations: readonly Violation[],
): Architecture {
  const order = new Map(modules.map((m, i) => [m.name, i]));
  const key = (from: string, to: string) => `${from}\u0000${to}`;
  const tallies = new Map<string, { from: string; to: string; imports: number; rules: Set<RuleId> }>();
  for (const [from, targets] of counts)
    for (const [to, tally] of targets)
      if (tally.count > 0) tallies.set(key(from, to), { from, to, imports: tally.count, rules: new Set() });

  const offEdge: Violation[] = [];
  for (const v of violations) {
    // A cycle is drawn from the edges themselves; a forbidden package's `to` is a package, not a module.
    if (v.rule === "cycle") continue;
    const onEdge =
      v.rule !== "forbidden-package" && v.from && v.to && v.from !== v.to && order.has(v.from) && order.has(v.to);
    if (!onEdge) {
      offEdge.push(v);
      continue;
    }
    const from = v.from as string;
    const to = v.to as string;
    // Each such violation is one import: an edge the counts lack is still drawn, with the imports known to make it.
    let tally = tallies.get(key(from, to));
    if (!tally) tallies.set(key(from, to), (tally = { from, to, imports: 0, rules: new Set() }));
    if (!counts.get(from)?.get(to)?.count) tally.imports++;
    tally.rules.add(v.rule);
  }

  const graph: ModuleGraph = new Map();
  for (const { from, to } of tallies.values()) {
    const targets = graph.get(from) ?? new Map();
    graph.set(from, targets.set(to, { file: "", line: 1 }));
  }
  const component = componentsOf(graph);
  // Counted edges join modules of this score: every name has a rank.
  const rank = (name: string) => order.get(name) as number;
  const edges = [...tallies.values()]
    .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to))
    .map(({ from, to, imports, rules }) => ({
      from,
      to,
      imports,
      rules: [...rules].sort(),
      onCycle: component.get(from) === component.get(to),
    }));
  return { modules: modules.map((m) => ({ name: m.name, constrained: m.may_use !== undefined })), edges, offEdge };
}
