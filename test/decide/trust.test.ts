import type { AgentRecord } from "../../src/decide/agent-record-schema.js";
import { createMemoryChange, type Tree } from "../../src/gather/memory-change.js";
import { reviewChange } from "../../src/review/review-change.js";
import { parseScore } from "../../src/score/parse-score.js";

/** `agents.parts[].trust`: an agent's record lowers its review_at, and the verdict's reasons say so. */
const scoreText = (untested: number) => `version: 1
podium: true
modules:
  - name: domain
    paths: ["src/domain/**"]
agents:
  parts:
    - name: codex
      logins: ["codex[bot]"]
      modules: [domain]
      trust:
        review_at: 25
        max_block_rate: 0.3
        max_override_rate: 0.2
risk:
  weights: { untested: ${untested}, size: 0 }
`;
const BASE: Tree = { "src/domain/order.ts": "export const order = 1;\n" };
/** 50 lines of logic with no test: the untested signal at full strength, so its weight is the risk. */
const HEAD: Tree = {
  "src/domain/order.ts": Array.from({ length: 50 }, (_, i) => `export const order${i} = Number(${i});\n`).join(""),
};

const record = (fields: Partial<AgentRecord>): AgentRecord => ({
  agent: "codex",
  days: 30,
  judged: 10,
  pass: 6,
  conductor: 0,
  block: 4,
  everBlocked: 4,
  signOffs: 0,
  overrides: 0,
  mergedAfterOverride: 0,
  ...fields,
});

/** The risk level, said only when it is not `low`: the tests that expect `low` need not say so. */
const levelOf = (level: string) => (level === "low" ? {} : { level });

async function reasons(risk: number, agentRecord: AgentRecord | undefined, login = "codex[bot]") {
  const parsed = parseScore(scoreText(risk));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const review = await reviewChange({
    score: parsed.score,
    change: createMemoryChange({ base: BASE, head: HEAD }),
    scope: "change",
    authorship: { login },
    ...(agentRecord ? { record: agentRecord } : {}),
  });
  return { verdict: review.verdict.verdict, reasons: review.verdict.reasons, ...levelOf(review.verdict.risk.level) };
}

const LOWERED = `lowered from 40 by part "codex"'s record: 4 of 10 PRs blocked in 30 days (max_block_rate 0.3)`;

describe("trust: an agent's record lowers its review_at", () => {
  it("a record over max_block_rate asks a conductor from trust.review_at, and the reason names the record", async () => {
    expect(await reasons(31, record({}))).toEqual({
      verdict: "conductor",
      reasons: [`risk 31 ≥ review_at 25, ${LOWERED}`],
      // The level follows the lowered review_at: a conductor verdict never reads as low risk.
      level: "medium",
    });
  });

  it("both limits over are both named", async () => {
    expect((await reasons(31, record({ overrides: 3 }))).reasons).toEqual([
      `risk 31 ≥ review_at 25, ${LOWERED} and 3 of 10 PRs overridden in 30 days (max_override_rate 0.2)`,
    ]);
  });

  it("lowered, but the risk below it anyway: the verdict says the lower review_at applies", async () => {
    expect(await reasons(20, record({}))).toEqual({
      verdict: "pass",
      reasons: ["no blocking violation, risk 20 < review_at 25", `review_at 25 applies, ${LOWERED}`],
    });
  });

  it.each<[string, AgentRecord | undefined]>([
    ["no record", undefined],
    ["a record at the limit, not over it (3 of 10 is 0.3)", record({ everBlocked: 3 })],
    ["fewer PRs than min_prs (5)", record({ judged: 4, everBlocked: 4 })],
  ])("%s: nothing changes", async (_name, given) => {
    expect(await reasons(31, given)).toEqual({
      verdict: "pass",
      reasons: ["no blocking violation, risk 31 < review_at 40"],
    });
  });

  it("an agent of no part with trust is judged as before, whatever record is given", async () => {
    expect((await reasons(31, record({}), "someone-else")).reasons[0]).toBe(
      "no blocking violation, risk 31 < review_at 40",
    );
  });
});
