import { readFileSync } from "node:fs";
import { RULE_IDS, RULES } from "../../src/checks/rules/index.js";
import { SIGNAL_IDS, SIGNALS as SIGNAL_DEFINITIONS } from "../../src/checks/signals/index.js";
import { parseScore } from "../../src/score/parse-score.js";
import { scoreJsonSchema } from "../../src/score/score-json-schema.js";
import { rulesSchema } from "../../src/score/score-schema.js";

/**
 * docs/score.md is the whole contract for writing a score: it must not drift from the zod schema
 * Maestro validates with. A key added to the schema without its entry, a changed default or type,
 * a rule or signal missing from the tables, or an example Maestro would reject fails here.
 */
const doc = readFileSync(new URL("../../docs/score.md", import.meta.url), "utf8");

interface SchemaNode {
  readonly type?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly pattern?: string;
  readonly propertyNames?: SchemaNode;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly anyOf?: readonly SchemaNode[];
}

interface Key {
  readonly path: string;
  readonly node: SchemaNode;
  readonly required: boolean;
}

/** Every key path of the score, as the docs write it: `agents.logins`, `modules[].paths`. */
function keysOf(node: SchemaNode, prefix = ""): Key[] {
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const key: Key = { path, node: child, required: (node.required ?? []).includes(name) };
    if (child.type === "object" && child.properties) return [key, ...keysOf(child, path)];
    // `podium: true`, or its settings: the settings' keys are documented as the key's own.
    const settings = child.anyOf?.find((option) => option.type === "object" && option.properties);
    if (settings) return [key, ...keysOf(settings, path)];
    if (child.type === "array" && child.items?.properties) return [key, ...keysOf(child.items, `${path}[]`)];
    return [key];
  });
}

function typeOf(node: SchemaNode): string {
  if (typeof node.const === "number") return `the number \`${node.const}\``;
  if (node.enum) return `one of ${node.enum.map((v) => `\`${String(v)}\``).join(", ")}`;
  if (node.anyOf) return node.anyOf.map(typeOf).join(" or ");
  const range = node.minimum !== undefined && node.maximum !== undefined ? `, ${node.minimum} to ${node.maximum}` : "";
  switch (node.type) {
    case "string":
      return node.pattern ? `string matching \`${node.pattern}\`` : node.minLength ? "non-empty string" : "string";
    case "integer":
    case "number":
      return `${node.type}${range}`;
    case "boolean":
      return "boolean";
    case "array":
      return `${node.minItems ? "non-empty " : ""}list of ${itemsOf(node.items ?? {})}`;
    case "object":
      if (node.properties) return "mapping";
      if (
        JSON.stringify(node.propertyNames?.enum) === JSON.stringify(SIGNAL_IDS) &&
        typeof node.additionalProperties === "object"
      ) {
        return `mapping of signal id to ${typeOf(node.additionalProperties)}`;
      }
  }
  throw new Error(`the docs test cannot name the type of ${JSON.stringify(node)}: teach typeOf this kind of key`);
}

function itemsOf(node: SchemaNode): string {
  if (node.anyOf) return node.anyOf.map(itemsOf).join(" or ");
  if (node.type === "integer") return node.minimum === 1 ? "positive integers" : "integers";
  if (node.type === "string") return node.minLength ? "non-empty strings" : "strings";
  if (node.type === "object") return "mappings";
  throw new Error(`the docs test cannot name list items ${JSON.stringify(node)}`);
}

/** A default as a user writes it in YAML: `advise`, `40`, `[]`, `["copilot/**", "codex/**"]`. */
function defaultOf(key: Key): string {
  if (!("default" in key.node)) return key.required ? "none (required)" : "none (optional)";
  const value = key.node.default;
  if (Array.isArray(value)) return `\`[${value.map((v) => JSON.stringify(v)).join(", ")}]\``;
  if (typeof value === "object" && value !== null) return `\`${JSON.stringify(value)}\``;
  return `\`${String(value)}\``;
}

/** The key reference: each `### \`path\`` heading and the text under it. */
function referenceSections(): Map<string, string> {
  const reference = doc.slice(doc.indexOf("\n## Key reference\n"));
  const sections = new Map<string, string>();
  for (const part of reference.split(/^### /m).slice(1)) {
    const heading = /^`([^`]+)`\n/.exec(part);
    if (!heading?.[1]) throw new Error(`a key reference heading is not a key in backticks: ${part.split("\n")[0]}`);
    sections.set(heading[1], part);
  }
  return sections;
}

function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

function tableRow(id: string): string | undefined {
  return doc.split("\n").find((line) => line.startsWith(`| \`${id}\` |`));
}

/** The ids in the first column of the table whose header starts with `| heading |`, in the order written. */
function tableIds(heading: string): string[] {
  const lines = doc.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`| ${heading} |`));
  if (start < 0) throw new Error(`docs/score.md has no table headed "${heading}"`);
  const rows = lines.slice(start + 2);
  return rows
    .slice(
      0,
      rows.findIndex((line) => !line.startsWith("|")),
    )
    .map((line) => /^\| `([^`]+)` \|/.exec(line)?.[1] ?? line);
}

const keys = keysOf(scoreJsonSchema() as SchemaNode);
const sections = referenceSections();

describe("docs/score.md against the score's schema", () => {
  it("walks every key of the schema, nested ones included", () => {
    expect(keys.map((k) => k.path)).toEqual(
      expect.arrayContaining([
        "version",
        "agents.human_prs",
        "modules[].may_use",
        "protected[].reason",
        "risk.weights",
        "llm.model",
      ]),
    );
  });

  it.each(keys.map((k) => [k.path, k] as const))(
    "documents `%s` with its type, its default and an example",
    (path, key) => {
      const section = sections.get(path);
      if (section === undefined)
        throw new Error(`docs/score.md has no "### \`${path}\`" entry in its key reference: document the new key`);
      expect(section).toContain(`**Type:** ${typeOf(key.node)} · **Default:** ${defaultOf(key)}`);
      const name = path.split(".").at(-1) ?? path;
      expect(
        yamlBlocks(section).some((example) =>
          new RegExp(`^\\s*(- )?${name.replace(/[[\]]/g, "")}:`, "m").test(example),
        ),
      ).toBe(true);
    },
  );

  it("documents no key the schema does not have", () => {
    expect([...sections.keys()].filter((path) => !keys.some((k) => k.path === path))).toEqual([]);
  });

  it("every example is a score Maestro accepts as it is written", () => {
    const examples = yamlBlocks(doc);
    expect(examples.length).toBeGreaterThan(keys.length);
    for (const example of examples) {
      const text = /^version:/m.test(example) ? example : `version: 1\n${example}`;
      const parsed = parseScore(text, "docs/score.md");
      expect({ example, problems: parsed.problems }).toEqual({ example, problems: [] });
      expect(parsed.ok).toBe(true);
    }
  });

  it("the rules table has every rule id, its title, its severity key and that key's default", () => {
    const severities = rulesSchema.parse({}) as Record<string, string>;
    for (const rule of RULES) {
      const row = tableRow(rule.id);
      if (row === undefined) throw new Error(`docs/score.md's rules table has no row for \`${rule.id}\``);
      const cells = row.split("|").map((c) => c.trim());
      expect(cells[2]).toBe(rule.explanation.title);
      const key = /^`rules\.(\w+)`$/.exec(cells[3] ?? "")?.[1] ?? "";
      expect(Object.keys(severities)).toContain(key);
      expect(key).toBe(rule.setting.key);
      expect(cells[4]).toBe(`\`${severities[key]}\``);
      expect(cells[4]).toBe(`\`${rule.setting.default}\``);
    }
  });

  it("the rules table has a row for each registered rule and no other, in the registry's order", () => {
    expect(tableIds("rule id")).toEqual([...RULE_IDS]);
  });

  it("the risk signals table has every signal id, its title and its full points", () => {
    for (const definition of SIGNAL_DEFINITIONS) {
      const row = tableRow(definition.id);
      if (row === undefined) throw new Error(`docs/score.md's signals table has no row for \`${definition.id}\``);
      const cells = row.split("|").map((c) => c.trim());
      expect([cells[2], cells[3]]).toEqual([definition.explanation.title, String(definition.points)]);
    }
    expect(SIGNAL_DEFINITIONS.map((d) => d.id).sort()).toEqual([...SIGNAL_IDS].sort());
  });

  it("the risk signals table has a row for each registered signal and no other", () => {
    expect(tableIds("signal id").sort()).toEqual([...SIGNAL_IDS].sort());
  });
});
