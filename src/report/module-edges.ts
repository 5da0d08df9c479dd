import type { ModuleGraph } from "../analyse/conformance/index.js";
import type { Violation } from "../analyse/violation.js";

export interface AddedEdge {
  readonly from: string;
  readonly to: string;
  /** A new boundary or cycle violation lies on this edge. */
  readonly violation: boolean;
}

/** The module edges at head that base did not have (all of them with no base), violating ones marked. */
export function addedEdges(
  head: ModuleGraph,
  base: ModuleGraph | undefined,
  violations: readonly Violation[],
): AddedEdge[] {
  const bad = new Set(
    violations
      .filter((v) => v.introduced && (v.rule === "boundary" || v.rule === "cycle"))
      .map((v) => `${v.from}\u0000${v.to}`),
  );
  const edges: AddedEdge[] = [];
  for (const [from, targets] of head) {
    for (const to of targets.keys()) {
      if (base?.get(from)?.has(to)) continue;
      edges.push({ from, to, violation: bad.has(`${from}\u0000${to}`) });
    }
  }
  // New violating edges that only a base graph would lack still belong in the picture.
  for (const v of violations) {
    if (!v.introduced || !v.from || !v.to || (v.rule !== "boundary" && v.rule !== "cycle")) continue;
    if (!edges.some((e) => e.from === v.from && e.to === v.to)) edges.push({ from: v.from, to: v.to, violation: true });
  }
  return edges.sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
}

/** A Mermaid flowchart of the edges, violations drawn in red. */
export function mermaidGraph(edges: readonly AddedEdge[]): string {
  const ids = new Map<string, string>();
  const id = (name: string) => {
    if (!ids.has(name)) ids.set(name, `m${ids.size}`);
    return ids.get(name) as string;
  };
  const lines = ["graph LR"];
  edges.forEach((e) => lines.push(`  ${id(e.from)}["${quote(e.from)}"] --> ${id(e.to)}["${quote(e.to)}"]`));
  edges.forEach((e, i) => {
    if (e.violation) lines.push(`  linkStyle ${i} stroke:#d73a49,stroke-width:2px`);
  });
  return lines.join("\n");
}

function quote(name: string): string {
  return name.replace(/"/g, "#quot;");
}
