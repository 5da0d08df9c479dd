import type { Note } from "../../src/analyse/note.js";
import type { Violation } from "../../src/analyse/violation.js";
import { decide, type DecisionInput } from "../../src/decide/decide.js";
import type { Subject } from "../../src/decide/detect-agent.js";
import type { Risk, VerdictKind } from "../../src/decide/verdict.js";
import { createMemoryChange, type Tree } from "../../src/gather/memory-change.js";
import { reviewChange } from "../../src/review/review-change.js";
import { parseScore } from "../../src/score/parse-score.js";
import type { Score } from "../../src/score/score-schema.js";

/** The verdict table of docs/verdict.md ("The three verdicts"), row by row. */

function score(text: string): Score {
  const parsed = parseScore(text);
  if (!parsed.ok) throw new Error(`fixture score is invalid: ${text}`);
  return parsed.score;
}
/** review_at 40, block_at 80. */
const DEFAULTS = score("version: 1\n");
const NEVER_BLOCKS = score("version: 1\nrisk:\n  review_at: 40\n  block_at: 101\n");

const AGENT: Subject = {
  agent: true,
  reason: "author copilot-swe-agent[bot] matches agents.logins",
  policy: "enforce",
};
const violation = (
  rule: Violation["rule"],
  severity: Violation["severity"],
  introduced: boolean,
  file = "src/domain/order.ts",
): Violation => ({
  rule,
  severity,
  file,
  line: 2,
  column: 1,
  from: "domain",
  to: "infra",
  specifier: "../infra/db",
  message: "domain may not use infra",
  introduced,
});
const risk = (points: number): Risk => ({
  score: points,
  level: points >= 80 ? "high" : points >= 40 ? "medium" : "low",
  signals: [],
});
const unjudged = (file?: string): Note => ({
  ...(file !== undefined ? { file } : {}),
  unjudged: true,
  message: `${file ?? "a file"} could not be read`,
});
const PROTECTED = "touches protected path migrations/001.sql: schema changes need a human";
const SCORE_CHANGED =
  "changes the score .github/maestro.yml: a conductor must agree to new rules (this change is judged by the base's)";

interface Row {
  readonly violations?: readonly Violation[];
  readonly fixed?: readonly Violation["rule"][];
  readonly risk?: number;
  readonly notes?: readonly Note[];
  readonly conductorReasons?: readonly string[];
  readonly score?: Score;
  readonly subject?: Subject;
}

describe("decide(): every row of the verdict table", () => {
  it.each<[string, Row, VerdictKind, string[]]>([
    // pass: none of the rows below
    ["nothing found", {}, "pass", ["no blocking violation, risk 0 < review_at 40"]],
    ["risk just under review_at", { risk: 39 }, "pass", ["no blocking violation, risk 39 < review_at 40"]],
    [
      "a new violation whose rule is `warn` is shown, never blocking",
      { violations: [violation("boundary", "warn", true)], risk: 5 },
      "pass",
      ["no blocking violation, risk 5 < review_at 40; 1 new warning, not blocking"],
    ],
    [
      "violations already at base never block, whatever their rule's severity",
      { violations: [violation("boundary", "warn", false), violation("cycle", "error", false)], risk: 5 },
      "pass",
      ["no blocking violation, risk 5 < review_at 40; 2 violations already at base, not blocking"],
    ],
    [
      "new warnings and violations already at base are told apart",
      { violations: [violation("unmapped", "warn", true), violation("boundary", "warn", false)], risk: 5 },
      "pass",
      ["no blocking violation, risk 5 < review_at 40; 1 new warning and 1 violation already at base, not blocking"],
    ],
    // credit for repair
    [
      "a clean-up that fixes violations says so first, then why it passes",
      { fixed: ["cycle", "boundary", "boundary"], violations: [violation("boundary", "warn", false)] },
      "pass",
      [
        "fixes 3 existing violations (2 boundary, 1 cycle)",
        "no blocking violation, risk 0 < review_at 40; 1 violation already at base, not blocking",
      ],
    ],
    [
      "fixes of one rule name the rule",
      { fixed: ["public-api"] },
      "pass",
      ["fixes 1 existing public-api violation", "no blocking violation, risk 0 < review_at 40"],
    ],
    [
      "a change that fixes some and introduces one says both, the blocking one first",
      { fixed: ["cycle", "cycle"], violations: [violation("boundary", "error", true)] },
      "block",
      ["1 new boundary violation", "fixes 2 existing cycle violations"],
    ],
    [
      "a change that needs a conductor and fixes violations says both, the conductor's reason first",
      { fixed: ["unmapped"], conductorReasons: [PROTECTED] },
      "conductor",
      [PROTECTED, "fixes 1 existing unmapped violation"],
    ],
    [
      "a note that judged everything changes nothing",
      { notes: [{ file: "src/a.ts", unjudged: false, message: "src/a.ts:3 does not parse" }] },
      "pass",
      ["no blocking violation, risk 0 < review_at 40"],
    ],
    // block
    [
      "a new violation whose rule is `error`",
      { violations: [violation("boundary", "error", true)] },
      "block",
      ["1 new boundary violation"],
    ],
    [
      "new violations are counted per rule",
      {
        violations: [
          violation("boundary", "error", true),
          violation("cycle", "error", true),
          violation("boundary", "error", true, "src/domain/b.ts"),
          violation("unmapped", "warn", true),
        ],
      },
      "block",
      ["2 new boundary violations", "1 new cycle violation"],
    ],
    ["risk at block_at", { risk: 80 }, "block", ["risk 80 ≥ block_at 80"]],
    [
      "risk 100 under block_at 101 never blocks: it needs a conductor",
      { risk: 100, score: NEVER_BLOCKS },
      "conductor",
      ["risk 100 ≥ review_at 40"],
    ],
    // conductor
    ["a protected path changed", { conductorReasons: [PROTECTED] }, "conductor", [PROTECTED]],
    ["the score file changed", { conductorReasons: [SCORE_CHANGED] }, "conductor", [SCORE_CHANGED]],
    ["risk at review_at", { risk: 40 }, "conductor", ["risk 40 ≥ review_at 40"]],
    ["risk just under block_at", { risk: 79 }, "conductor", ["risk 79 ≥ review_at 40"]],
    [
      "a changed file Maestro could not judge",
      { notes: [unjudged("src/huge.ts")] },
      "conductor",
      ["1 changed file could not be judged: a conductor must look (src/huge.ts)"],
    ],
    [
      "unjudged files: the first five are named, one without a file as ?",
      { notes: [unjudged("a.ts"), unjudged("b.ts"), unjudged(), unjudged("d.ts"), unjudged("e.ts"), unjudged("f.ts")] },
      "conductor",
      ["6 changed files could not be judged: a conductor must look (a.ts, b.ts, ?, d.ts, e.ts)"],
    ],
    // every reason that applies, blocking ones first
    [
      "block and conductor reasons together: blocking first",
      {
        violations: [violation("boundary", "error", true)],
        conductorReasons: [PROTECTED, SCORE_CHANGED],
        risk: 45,
        notes: [unjudged("src/huge.ts")],
      },
      "block",
      [
        "1 new boundary violation",
        PROTECTED,
        SCORE_CHANGED,
        "risk 45 ≥ review_at 40",
        "1 changed file could not be judged: a conductor must look (src/huge.ts)",
      ],
    ],
    [
      "risk at block_at says block_at only, not review_at too",
      { risk: 90, conductorReasons: [PROTECTED] },
      "block",
      ["risk 90 ≥ block_at 80", PROTECTED],
    ],
    // a human's PR: the same verdict, marked advisory
    [
      "a human PR under advise: the same verdict, marked advisory",
      {
        violations: [violation("boundary", "error", true)],
        subject: { agent: false, reason: "alice matches no agents: entry", policy: "advise" },
      },
      "block",
      [
        "1 new boundary violation",
        "advisory only: human PR (alice matches no agents: entry; agents.human_prs: advise)",
      ],
    ],
    [
      "a human PR under advise that passes says why, then that it is advisory",
      { subject: { agent: false, reason: "alice matches no agents: entry", policy: "advise" } },
      "pass",
      [
        "no blocking violation, risk 0 < review_at 40",
        "advisory only: human PR (alice matches no agents: entry; agents.human_prs: advise)",
      ],
    ],
    [
      "a human PR under skip is marked so",
      {
        conductorReasons: [PROTECTED],
        subject: { agent: false, reason: "alice matches no agents: entry", policy: "skip" },
      },
      "conductor",
      [PROTECTED, "advisory only: human PR (alice matches no agents: entry; agents.human_prs: skip)"],
    ],
  ])("%s", (_row, row, verdict, reasons) => {
    const input: DecisionInput = {
      score: row.score ?? DEFAULTS,
      violations: row.violations ?? [],
      fixed: (row.fixed ?? []).map((rule) => ({ rule })),
      risk: risk(row.risk ?? 0),
      notes: row.notes ?? [],
      ...(row.conductorReasons ? { conductorReasons: row.conductorReasons } : {}),
      subject: row.subject ?? AGENT,
    };
    const decided = decide(input);
    expect(decided.verdict).toBe(verdict);
    expect(decided.reasons).toEqual(reasons);
    expect(decided.fixed.count).toBe(row.fixed?.length ?? 0);
    // The verdict carries its facts as they came: the JSON shows every violation and note.
    expect(decided).toMatchObject({
      violations: input.violations,
      risk: input.risk,
      notes: input.notes,
      subject: input.subject,
    });
  });
});

/** The same rows from a change, through the whole review: the reasons as the user reads them. */
const LAYERED = `version: 1
ignore: ["test/**"]
protected:
  - paths: ["migrations/**"]
    reason: schema changes need a human
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
`;
const BASE: Tree = {
  ".github/maestro.yml": LAYERED,
  "src/domain/order.ts": "export const order = 1;\n",
  "src/domain/legacy.ts": `import { db } from "../infra/db";\nexport const legacy = db;\n`,
  "src/infra/db.ts": "export const db = {};\n",
  "test/order.test.ts": "test('order', () => {});\n",
};
/** 50 lines of logic with no test changed: the untested signal at full strength, a risk a weight can set. */
const untestedLogic = Array.from({ length: 50 }, (_, i) => `export const order${i} = Number(${i});\n`).join("");
const tested = (head: Tree): Tree => ({
  ...head,
  "test/order.test.ts": `${BASE["test/order.test.ts"] as string}// touched\n`,
});

describe("reviewChange(): the verdict table's rows, from a change", () => {
  it.each<[string, string, Tree, VerdictKind, string[]]>([
    [
      "a tested change with nothing wrong passes",
      LAYERED,
      tested({ ...BASE, "src/domain/order.ts": "export const order = 2;\n" }),
      "pass",
      ["no blocking violation, risk 0 < review_at 40"],
    ],
    [
      "a violation already at base, kept, does not block",
      LAYERED,
      tested({
        ...BASE,
        "src/domain/legacy.ts": `import { db } from "../infra/db";\nexport const legacy = db;\nexport const more = 1;\n`,
      }),
      "pass",
      ["no blocking violation, risk 0 < review_at 40; 1 violation already at base, not blocking"],
    ],
    [
      "a change that removes a violation at base says it fixes it",
      LAYERED,
      tested({ ...BASE, "src/domain/legacy.ts": `export const legacy = {};\n` }),
      "pass",
      ["fixes 1 existing boundary violation", "no blocking violation, risk 0 < review_at 40"],
    ],
    [
      "a change that fixes one violation and introduces another says both",
      LAYERED,
      tested({
        ...BASE,
        "src/domain/legacy.ts": `export const legacy = {};\n`,
        "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n`,
      }),
      "block",
      ["1 new boundary violation", "fixes 1 existing boundary violation"],
    ],
    [
      "a new boundary violation blocks",
      LAYERED,
      tested({ ...BASE, "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n` }),
      "block",
      ["1 new boundary violation"],
    ],
    [
      "a protected path needs a conductor",
      LAYERED,
      { ...BASE, "migrations/001.sql": "ALTER TABLE orders ADD note text;\n" },
      "conductor",
      ["touches protected path migrations/001.sql: schema changes need a human"],
    ],
    [
      "a changed score needs a conductor",
      LAYERED,
      { ...BASE, ".github/maestro.yml": `${LAYERED}rules:\n  cycles: warn\n` },
      "conductor",
      [
        "changes the score .github/maestro.yml: a conductor must agree to new rules (this change is judged by the base's)",
      ],
    ],
    [
      "risk at review_at needs a conductor",
      `${LAYERED}risk:\n  weights: { untested: 40, size: 0 }\n`,
      { ...BASE, "src/domain/order.ts": untestedLogic },
      "conductor",
      ["risk 40 ≥ review_at 40"],
    ],
    [
      "risk at block_at blocks",
      `${LAYERED}risk:\n  weights: { untested: 80, size: 0 }\n`,
      { ...BASE, "src/domain/order.ts": untestedLogic },
      "block",
      ["risk 80 ≥ block_at 80"],
    ],
    [
      "a file Maestro could not judge needs a conductor",
      LAYERED,
      tested({ ...BASE, "src/domain/order.ts": `import { x } from "./nowhere";\nexport const order = x;\n` }),
      "conductor",
      ["1 changed file could not be judged: a conductor must look (src/domain/order.ts)"],
    ],
  ])("%s", async (_row, scoreText, head, verdict, reasons) => {
    const review = await reviewChange({
      score: score(scoreText),
      change: createMemoryChange({ base: BASE, head }),
      scope: "change",
      authorship: { login: "copilot-swe-agent[bot]" },
    });
    expect(review.verdict.verdict).toBe(verdict);
    expect(review.verdict.reasons).toEqual(reasons);
  });
});

describe("decide(): what a change fixes, in the JSON", () => {
  it("counts the fixed violations in all and per rule, in the registry's order", () => {
    const decided = decide({
      score: DEFAULTS,
      violations: [],
      fixed: [{ rule: "unmapped" }, { rule: "cycle" }, { rule: "boundary" }, { rule: "cycle" }],
      risk: risk(0),
      notes: [],
      subject: AGENT,
    });
    expect(decided.fixed).toEqual({
      count: 4,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "cycle", count: 2 },
        { rule: "unmapped", count: 1 },
      ],
    });
  });

  it("a change that fixes nothing says nothing of repair, and its `fixed` is 0", () => {
    const decided = decide({ score: DEFAULTS, violations: [], fixed: [], risk: risk(0), notes: [], subject: AGENT });
    expect(decided.fixed).toEqual({ count: 0, rules: [] });
    expect(decided.reasons.some((r) => r.startsWith("fixes"))).toBe(false);
  });
});
