import { signalSeen, type SignalCase } from "./signal-seen.js";

const score = `version: 1
protected:
  - paths: ["migrations/**"]
    reason: schema changes need a DBA
  - paths: ["src/auth/**", "src/billing/**"]
`;
const x = "x\n";

describe("protected: paths under the score's protected entries, with each entry's reason", () => {
  it.each<SignalCase>([
    { name: "a path under no entry is not protected", head: { "src/app.ts": x }, seen: undefined },
    {
      name: "a protected path adds full points, and a conductor must look, with the entry's reason",
      head: { "migrations/001.sql": x },
      seen: {
        points: 20,
        detail: "touches 1 protected path: migrations/001.sql (schema changes need a DBA)",
        file: "migrations/001.sql",
        evidence: [{ file: "migrations/001.sql", what: "schema changes need a DBA" }],
        conductorReasons: ["touches protected path migrations/001.sql: schema changes need a DBA"],
      },
    },
    {
      name: "an entry without a reason says so plainly, and every match is evidence",
      head: { "src/auth/login.ts": x, "src/billing/pay.ts": x, "src/auth/token.ts": x, "src/billing/refund.ts": x },
      seen: {
        points: 20,
        detail:
          "touches 4 protected paths: src/auth/login.ts (protected path), src/auth/token.ts (protected path), src/billing/pay.ts (protected path) and 1 more",
        file: "src/auth/login.ts",
        evidence: [
          { file: "src/auth/login.ts", what: "protected path" },
          { file: "src/auth/token.ts", what: "protected path" },
          { file: "src/billing/pay.ts", what: "protected path" },
          { file: "src/billing/refund.ts", what: "protected path" },
        ],
        conductorReasons: [
          "touches protected path src/auth/login.ts: protected path",
          "touches protected path src/auth/token.ts: protected path",
          "touches protected path src/billing/pay.ts: protected path",
          "touches protected path src/billing/refund.ts: protected path",
        ],
      },
    },
    {
      name: "a file renamed out of a protected path is still caught",
      base: { "migrations/001.sql": x },
      head: { "old/001.sql": x },
      renames: { "old/001.sql": "migrations/001.sql" },
      seen: {
        points: 20,
        detail: "touches 1 protected path: old/001.sql (schema changes need a DBA)",
        file: "old/001.sql",
        evidence: [{ file: "old/001.sql", what: "schema changes need a DBA" }],
        conductorReasons: ["touches protected path old/001.sql: schema changes need a DBA"],
      },
    },
    {
      name: "a deleted protected file counts",
      base: { "migrations/001.sql": x },
      head: {},
      seen: {
        points: 20,
        detail: "touches 1 protected path: migrations/001.sql (schema changes need a DBA)",
        file: "migrations/001.sql",
        evidence: [{ file: "migrations/001.sql", what: "schema changes need a DBA" }],
        conductorReasons: ["touches protected path migrations/001.sql: schema changes need a DBA"],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("protected", { base, head, renames }, score)).toEqual(seen);
  });

  it("a protected path the score also ignores is still protected: the score names it itself", async () => {
    expect(
      await signalSeen(
        "protected",
        { base: {}, head: { "migrations/001.sql": x } },
        `${score}ignore: ["migrations/**"]\n`,
      ),
    ).toEqual({
      points: 20,
      detail: "touches 1 protected path: migrations/001.sql (schema changes need a DBA)",
      file: "migrations/001.sql",
      evidence: [{ file: "migrations/001.sql", what: "schema changes need a DBA" }],
      conductorReasons: ["touches protected path migrations/001.sql: schema changes need a DBA"],
    });
  });

  it("a weight of 0 takes its points away, never the conductor it needs", async () => {
    expect(
      await signalSeen(
        "protected",
        { base: {}, head: { "migrations/001.sql": x } },
        `${score}risk:\n  weights: { protected: 0 }\n`,
      ),
    ).toEqual({
      evidence: [{ file: "migrations/001.sql", what: "schema changes need a DBA" }],
      conductorReasons: ["touches protected path migrations/001.sql: schema changes need a DBA"],
    });
  });
});
