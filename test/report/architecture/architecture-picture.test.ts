import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { CountedGraph } from "../../../src/analyse/conformance/index.js";
import type { Violation } from "../../../src/analyse/violation.js";
import { architectureDot } from "../../../src/report/architecture/architecture-dot.js";
import { architectureMermaid } from "../../../src/report/architecture/architecture-mermaid.js";
import { architectureOf } from "../../../src/report/architecture/architecture-of.js";
import { architectureSvg } from "../../../src/report/architecture/architecture-svg.js";

/**
 * `maestro graph`'s three pictures of one small architecture: infra and billing-v2 import each other (a cycle),
 * billing-v2 → domain breaks its may_use (a violation), app declares no may_use; each edge with its import count.
 */
const MODULES = [
  { name: "domain", may_use: [] },
  { name: "infra", may_use: ["domain", "billing-v2"] },
  { name: "billing-v2", may_use: ["infra"] },
  { name: "app" },
];

function counted(edges: [string, string, number][]): CountedGraph {
  const graph: CountedGraph = new Map();
  for (const [from, to, count] of edges) {
    const targets = graph.get(from) ?? new Map();
    graph.set(from, targets.set(to, { count, witness: { file: `src/${from}/x.ts`, line: 1 }, rank: 0 }));
  }
  return graph;
}

const COUNTS = counted([
  ["app", "infra", 3],
  ["billing-v2", "infra", 1],
  ["billing-v2", "domain", 1],
  ["infra", "billing-v2", 1],
  ["infra", "domain", 2],
]);

function violation(rule: Violation["rule"], from: string | null, to: string | null): Violation {
  return {
    rule,
    severity: "error",
    file: `src/${from}/x.ts`,
    line: 1,
    column: 1,
    from,
    to,
    specifier: null,
    message: `${rule} ${from} → ${to}`,
    introduced: true,
  };
}

const VIOLATIONS = [
  violation("boundary", "billing-v2", "domain"),
  // The cycle rule's findings are not what paints an edge orange: the edges are.
  violation("cycle", "infra", "billing-v2"),
  violation("forbidden-package", "domain", "lodash"),
];

const ARCHITECTURE = architectureOf(MODULES, COUNTS, VIOLATIONS);

describe("the architecture as a picture", () => {
  it("Mermaid: every module, each edge labelled with its imports, the violation red, the cycle orange, app dashed", () => {
    expect(architectureMermaid(ARCHITECTURE)).toBe(`graph LR
  classDef unconstrained stroke-dasharray:5 5
  m_domain["domain"]
  m_infra["infra"]
  m_billing_v2["billing-v2"]
  m_app["app"]
  m_infra -->|2| m_domain
  m_infra -->|1| m_billing_v2
  m_billing_v2 -->|1| m_domain
  m_billing_v2 -->|1| m_infra
  m_app -->|3| m_infra
  linkStyle 2 stroke:#d73a49,stroke-width:2px,color:#d73a49
  linkStyle 1,3 stroke:#e36209,stroke-width:2px,color:#e36209
  class m_app unconstrained
`);
  });

  it("DOT: the same picture, every id quoted", () => {
    expect(architectureDot(ARCHITECTURE)).toBe(`digraph architecture {
  rankdir=LR;
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica"];
  "domain";
  "infra";
  "billing-v2";
  "app" [style="rounded,dashed"];
  "infra" -> "domain" [label="2"];
  "infra" -> "billing-v2" [label="1", color=orange, fontcolor=orange];
  "billing-v2" -> "domain" [label="1", color=red, fontcolor=red];
  "billing-v2" -> "infra" [label="1", color=orange, fontcolor=orange];
  "app" -> "infra" [label="3"];
}
`);
  });

  it("SVG: well-formed XML with one box per module, the violating edge alone red, the cycle's edges orange, app dashed", () => {
    const svg = architectureSvg(ARCHITECTURE);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true }).parse(svg);
    const groups = elements(root, "g");

    const modules = groups.filter((g) => g.attributes.class === "module");
    expect(modules.map((g) => g.attributes["data-module"])).toEqual(["domain", "infra", "billing-v2", "app"]);
    const dashed = modules.filter((g) => elements(g.children, "rect")[0]?.attributes["stroke-dasharray"] !== undefined);
    expect(dashed.map((g) => g.attributes["data-module"])).toEqual(["app"]);

    const edges = groups.filter((g) => g.attributes.class?.startsWith("edge "));
    const stroked = (colour: string) =>
      edges
        .filter((g) => elements(g.children, "path")[0]?.attributes.stroke === colour)
        .map((g) => `${g.attributes["data-from"]}->${g.attributes["data-to"]}`);
    expect(edges).toHaveLength(5);
    expect(stroked("#d73a49")).toEqual(["billing-v2->domain"]);
    expect(stroked("#e36209")).toEqual(["infra->billing-v2", "billing-v2->infra"]);

    const counts = groups.find((g) => g.attributes.class === "counts");
    expect(elements(counts?.children ?? [], "text").map((t) => t.text)).toEqual(["2", "1", "1", "1", "3"]);
  });

  it("a violation on an edge the counts lack is still drawn, red, with the imports known to make it", () => {
    const architecture = architectureOf(MODULES, COUNTS, [violation("public-api", "app", "domain")]);
    expect(architecture.edges.find((e) => e.from === "app" && e.to === "domain")).toEqual({
      from: "app",
      to: "domain",
      imports: 1,
      rules: ["public-api"],
      onCycle: false,
    });
  });

  it("a violation on no edge between modules is kept aside for the command to name, not drawn", () => {
    expect(ARCHITECTURE.offEdge.map((v) => v.rule)).toEqual(["forbidden-package"]);
  });

  it("Mermaid ids stay apart when two names sanitise alike, and a keyword such as end is never an id", () => {
    const text = architectureMermaid(
      architectureOf([{ name: "a.b" }, { name: "a_b" }, { name: "end" }], new Map(), []),
    );
    expect(text).toContain(`  m_a_b["a.b"]\n  m_a_b_2["a_b"]\n  m_end["end"]\n`);
  });
});

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: unknown[];
  text: string;
}

/** Every element named `name` in fast-xml-parser's ordered output, depth first. */
function elements(nodes: unknown[], name: string): Element[] {
  const found: Element[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const tag = Object.keys(node).find((k) => k !== ":@" && k !== "#text");
    if (!tag) continue;
    const children = node[tag] as unknown[];
    const text = (children as Record<string, unknown>[]).map((c) => String(c["#text"] ?? "")).join("");
    if (tag === name)
      found.push({ name: tag, attributes: (node[":@"] ?? {}) as Record<string, string>, children, text });
    found.push(...elements(children, name));
  }
  return found;
}
