import { readFileSync } from "node:fs";
import { z } from "zod";
import { verdictSchema, type Verdict } from "../../src/decide/verdict.js";
import { conclusionOf, type Outcome } from "../../src/decide/check-outcome.js";

/**
 * docs/verdict.md tells users what each outcome looks like on GitHub and what the JSON holds: the
 * conclusions table is checked against the one function that decides conclusions, and the JSON
 * table against the zod schema the CLI and the sticky comment print.
 */
const doc = readFileSync(new URL("../../docs/verdict.md", import.meta.url), "utf8");

function section(heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/verdict.md has no "## ${heading}" section`);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** A table's body rows by their first cell (backticks kept), each row's cells trimmed; header rows left out. */
function rows(text: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const lines = text.split("\n");
  for (const line of lines.filter((l, i) => l.startsWith("| ") && !lines[i + 1]?.startsWith("|---"))) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    table.set(cells[0] ?? "", cells.slice(1));
  }
  return table;
}

const REASON = "1 new boundary violation";
const REPAIR = "fixes 3 existing violations (2 boundary, 1 cycle)";
const SHA = "0123456789abcdef0123456789abcdef01234567";

function verdict(kind: Verdict["verdict"], policy: Verdict["subject"]["policy"] = "enforce"): Verdict {
  return {
    verdict: kind,
    violations: [],
    risk: { score: 5, level: "low", signals: [] },
    reasons: [REASON],
    notes: [],
    subject: { agent: policy === "enforce", reason: "test", policy },
    fixed: { count: 0, rules: [] },
  };
}

const signOff = (kind: "approve" | "override") => ({
  kind,
  by: "alice",
  at: "2026-01-01T00:00:00Z",
  sha: SHA,
  reason: "ok",
});

/** Each documented row, and the outcome it stands for. */
const OUTCOMES: readonly (readonly [string, Outcome])[] = [
  ["pass", { kind: "verdict", verdict: verdict("pass") }],
  [
    "pass, fixing violations",
    {
      kind: "verdict",
      verdict: {
        ...verdict("pass"),
        fixed: {
          count: 3,
          rules: [
            { rule: "boundary", count: 2 },
            { rule: "cycle", count: 1 },
          ],
        },
      },
    },
  ],
  ["conductor", { kind: "verdict", verdict: verdict("conductor") }],
  ["block", { kind: "verdict", verdict: verdict("block") }],
  ["conductor, approved", { kind: "verdict", verdict: verdict("conductor"), signOff: signOff("approve") }],
  ["block, overridden", { kind: "verdict", verdict: verdict("block"), signOff: signOff("override") }],
  ["human PR under `advise`, pass", { kind: "verdict", verdict: verdict("pass", "advise") }],
  ["human PR under `advise`, conductor", { kind: "verdict", verdict: verdict("conductor", "advise") }],
  ["human PR under `advise`, block", { kind: "verdict", verdict: verdict("block", "advise") }],
  ["human PR under `skip`", { kind: "verdict", verdict: verdict("block", "skip") }],
  ["invalid score", { kind: "invalid-score", problems: [] }],
  ["no score", { kind: "no-score" }],
  ["could not review", { kind: "failed", reason: "GitHub kept failing" }],
  ["superseded", { kind: "superseded", newerSha: SHA }],
];

/** Every kind of outcome: a kind added to `Outcome` fails the typecheck here until a row documents it. */
const KINDS: Record<Outcome["kind"], true> = {
  verdict: true,
  "invalid-score": true,
  "no-score": true,
  failed: true,
  superseded: true,
};

/** The documented title with its placeholders filled as the outcomes above fill them. */
function fill(title: string): string {
  return title
    .replace(/^`|`$/g, "")
    .replace("<risk>", "5")
    .replace("<level>", "low")
    .replace("<first reason>", REASON)
    .replace("<repair>", REPAIR)
    .replace("<login>", "alice")
    .replace("<sha>", SHA.slice(0, 7));
}

/** Every field path of a zod object, as the docs write it: `violations[].rule`. */
function fieldPaths(schema: z.ZodType, prefix = ""): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault)
    inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodArray) return fieldPaths(inner.element as z.ZodType, `${prefix}[]`);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(child, path)];
  });
}

describe("docs/verdict.md against the code", () => {
  const conclusions = rows(section("Check conclusions"));

  it.each(OUTCOMES.map(([label, outcome]) => [label, outcome] as const))(
    'the conclusions table says what "%s" gets on GitHub',
    (label, outcome) => {
      const row = conclusions.get(label);
      if (row === undefined) throw new Error(`docs/verdict.md's conclusions table has no row "${label}"`);
      const { conclusion, title } = conclusionOf(outcome);
      expect({ conclusion: row[0], title: fill(row[1] ?? "") }).toEqual({ conclusion: `\`${conclusion}\``, title });
    },
  );

  it("the conclusions table covers every kind of outcome", () => {
    expect([...new Set(OUTCOMES.map(([, outcome]) => outcome.kind))].sort()).toEqual(Object.keys(KINDS).sort());
  });

  it("the JSON table has every field of the verdict, and no other", () => {
    const documented = [...rows(section("The JSON verdict")).keys()].map((cell) => cell.replace(/^`|`$/g, ""));
    expect(documented.sort()).toEqual(fieldPaths(verdictSchema).sort());
  });

  it("the JSON example is a verdict as Maestro prints it", () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(section("The JSON verdict"))?.[1] ?? "";
    const parsed: unknown = JSON.parse(example);
    expect(verdictSchema.parse(parsed)).toEqual(parsed);
  });
});
