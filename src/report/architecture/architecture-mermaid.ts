import { edgeKind, type Architecture } from "./architecture-of.js";

/** The colours GitHub uses for a failure and a warning; Mermaid and the SVG draw with the same ones. */
export const EDGE_COLOURS = { violation: "#d73a49", cycle: "#e36209", plain: "#57606a" } as const;

/**
 * The architecture as a Mermaid flowchart (`graph LR`, as GitHub renders it): each module a node, each edge labelled
 * with its number of imports; violating edges red, edges on a cycle orange, modules with no `may_use` dashed.
 * Only names are written: a score's descriptions are free text, names are not.
 */
export function architectureMermaid(architecture: Architecture): string {
  const ids = mermaidIds(architecture.modules.map((m) => m.name));
  const id = (name: string) => ids.get(name) as string;
  const lines = ["graph LR", "  classDef unconstrained stroke-dasharray:5 5"];
  for (const m of architecture.modules) lines.push(`  ${id(m.name)}["${m.name.replace(/"/g, "#quot;")}"]`);
  architecture.edges.forEach((e) => lines.push(`  ${id(e.from)} -->|${e.imports}| ${id(e.to)}`));
  // linkStyle counts links in the order they were written, from 0.
  for (const kind of ["violation", "cycle"] as const) {
    const indexes = architecture.edges.flatMap((e, i) => (edgeKind(e) === kind ? [i] : []));
    if (indexes.length > 0)
      lines.push(
        `  linkStyle ${indexes.join(",")} stroke:${EDGE_COLOURS[kind]},stroke-width:2px,color:${EDGE_COLOURS[kind]}`,
      );
  }
  const open = architecture.modules.filter((m) => !m.constrained).map((m) => id(m.name));
  if (open.length > 0) lines.push(`  class ${open.join(",")} unconstrained`);
  return `${lines.join("\n")}\n`;
}

/**
 * Node ids Mermaid cannot misread: a module name may hold `.` and `-`, and may be a keyword such as `end`, so each id
 * is `m_` and the name with other characters as `_`; two names that meet there are told apart by a number.
 */
function mermaidIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    const base = `m_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}
