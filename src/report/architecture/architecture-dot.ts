import { edgeKind, type Architecture } from "./architecture-of.js";

const DOT_COLOURS = { violation: "red", cycle: "orange" } as const;

/**
 * The architecture in Graphviz's DOT, drawn as the Mermaid is: edges labelled with their imports, violating edges red,
 * edges on a cycle orange, modules with no `may_use` dashed. Every id is a quoted string.
 */
export function architectureDot(architecture: Architecture): string {
  const lines = [
    "digraph architecture {",
    "  rankdir=LR;",
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica"];',
  ];
  for (const m of architecture.modules)
    lines.push(`  ${quoted(m.name)}${m.constrained ? "" : ' [style="rounded,dashed"]'};`);
  for (const e of architecture.edges) {
    const kind = edgeKind(e);
    const colour = kind === "plain" ? "" : `, color=${DOT_COLOURS[kind]}, fontcolor=${DOT_COLOURS[kind]}`;
    lines.push(`  ${quoted(e.from)} -> ${quoted(e.to)} [label="${e.imports}"${colour}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function quoted(name: string): string {
  return `"${name.replace(/[\\"]/g, "\\$&")}"`;
}
