import { edgeKind, type Architecture, type ArchitectureEdge } from "./architecture-of.js";
import { EDGE_COLOURS } from "./architecture-mermaid.js";
import { layerLayout, MARGIN } from "./layer-layout.js";

const LEGEND_HEIGHT = 24;
const TEXT = "#24292f";

/**
 * The architecture as a standalone SVG, laid out here (no browser, no Graphviz): modules in columns from importer to
 * imported, each edge a curve with an arrow and its number of imports; violating edges red, edges on a cycle orange,
 * modules with no `may_use` dashed; a legend says so. Hovering an edge or a module shows what it is (`<title>`).
 */
export function architectureSvg(architecture: Architecture): string {
  const layout = layerLayout(architecture);
  const width = Math.max(layout.width, 560);
  const height = layout.height + LEGEND_HEIGHT;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="13">`,
    "<defs>",
    ...(["plain", "violation", "cycle"] as const).map(
      (kind) =>
        `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${EDGE_COLOURS[kind]}"/></marker>`,
    ),
    "</defs>",
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g class="edges">`,
  ];
  // Edges first, modules over them, counts over both: a long edge passes under a module, its count stays readable.
  for (const { edge, path } of layout.edges) {
    const kind = edgeKind(edge);
    out.push(
      `<g class="edge ${kind}" data-from="${xml(edge.from)}" data-to="${xml(edge.to)}"><title>${xml(edgeTitle(edge))}</title>` +
        `<path d="${path}" fill="none" stroke="${EDGE_COLOURS[kind]}" stroke-width="${kind === "plain" ? 1.2 : 2}" marker-end="url(#arrow-${kind})"/></g>`,
    );
  }
  out.push("</g>", `<g class="modules">`);
  for (const { module, x, y, width: w, height: h } of layout.modules) {
    const dash = module.constrained ? "" : ` stroke-dasharray="5 4"`;
    const title = module.constrained ? module.name : `${module.name}: no may_use, may import any module`;
    out.push(
      `<g class="module" data-module="${xml(module.name)}"><title>${xml(title)}</title>` +
        `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="#f6f8fa" stroke="${TEXT}" stroke-width="1.2"${dash}/>` +
        `<text x="${tenths(x + w / 2)}" y="${tenths(y + h / 2 + 4.5)}" text-anchor="middle" fill="${TEXT}">${xml(module.name)}</text></g>`,
    );
  }
  out.push(
    "</g>",
    `<g class="counts" font-size="11" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">`,
  );
  for (const { edge, label } of layout.edges)
    out.push(
      `<text x="${label.x}" y="${tenths(label.y + 4)}" fill="${EDGE_COLOURS[edgeKind(edge)]}">${edge.imports}</text>`,
    );
  out.push("</g>", legend(layout.height), "</svg>");
  return `${out.join("\n")}\n`;
}

function legend(top: number): string {
  const y = Math.round(top) + 6;
  const item = (x: number, kind: "violation" | "cycle", text: string) =>
    `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${EDGE_COLOURS[kind]}" stroke-width="2"/><text x="${x + 30}" y="${y + 4}">${text}</text>`;
  return [
    `<g class="legend" font-size="11" fill="${TEXT}">`,
    `<text x="${MARGIN}" y="${y + 4}">numbers: imports</text>`,
    item(MARGIN + 120, "violation", "violation"),
    item(MARGIN + 215, "cycle", "cycle"),
    `<rect x="${MARGIN + 290}" y="${y - 7}" width="24" height="14" rx="3" fill="none" stroke="${TEXT}" stroke-dasharray="5 4"/>`,
    `<text x="${MARGIN + 320}" y="${y + 4}">no may_use</text>`,
    "</g>",
  ].join("");
}

function edgeTitle(edge: ArchitectureEdge): string {
  const imports = `${edge.imports} import${edge.imports === 1 ? "" : "s"}`;
  const what = [...edge.rules, ...(edge.onCycle ? ["on a cycle"] : [])];
  return `${edge.from} → ${edge.to}: ${imports}${what.length > 0 ? ` (${what.join(", ")})` : ""}`;
}

/** A coordinate to a tenth of a pixel, so a sum of two never prints as 81.10000000000001. */
function tenths(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Text and attribute values escaped: module names are restricted by the schema, but the SVG does not rely on it. */
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}
