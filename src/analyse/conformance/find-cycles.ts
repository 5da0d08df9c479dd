import type { PlacedFinding } from "../../checks/rule-finding.js";
import { cycle } from "../../checks/rules/cycle.js";
import type { Severity } from "../../checks/severity.js";
import { componentsOf, moduleEdge, shortestPath, type GraphOptions, type ModuleGraph } from "./module-graph.js";
import type { FileImports } from "./read-imports.js";

export interface CycleFinding extends PlacedFinding {
  /** True when the same module edge already closed the same cycle at base. */
  readonly existedAtBase: boolean;
}

/**
 * Each import in `judged` whose module edge lies on a cycle of the head graph, once per file and
 * edge: new edges that close a cycle, and edges of a cycle that was already there (as existing). Module graphs are
 * small (one node a module), so this costs little beyond building them.
 */
export function findCycles(
  judged: FileImports,
  head: ModuleGraph,
  base: ModuleGraph | undefined,
  options: GraphOptions,
  severity: Severity,
): CycleFinding[] {
  if (severity === "off") return [];
  const headComponents = componentsOf(head);
  const baseComponents = base ? componentsOf(base) : new Map<string, number>();
  const findings: CycleFinding[] = [];
  // With a base, each file's new edge is its own finding; with none (a whole-repository audit),
  // each module edge of a cycle is reported once, at its first import, not at every import.
  const reported = new Set<string>();
  for (const [file, imports] of judged) {
    const seen = base ? new Set<string>() : reported;
    for (const imp of imports) {
      const edge = moduleEdge(file, imp, options);
      if (!edge) continue;
      const [from, to] = edge;
      const key = `${from}\u0000${to}`;
      if (seen.has(key) || headComponents.get(from) !== headComponents.get(to)) continue;
      seen.add(key);
      const back = shortestPath(head, to, from) ?? [to, from];
      const loop = [from, ...back];
      const edgeAtBase = !!base?.get(from)?.has(to);
      const existedAtBase = edgeAtBase && baseComponents.get(from) === baseComponents.get(to);
      // A new cycle always has a new edge on it: blame that one, not the old edges it now closes over.
      if (edgeAtBase && !existedAtBase) continue;
      const closing = head.get(back[0] as string)?.get(back[1] as string);
      findings.push({
        ...cycle.finding(
          { file, line: imp.line, column: imp.column, specifier: imp.specifier, from, to, cycle: loop, closing },
          severity,
        ),
        existedAtBase,
      });
    }
  }
  return findings;
}
