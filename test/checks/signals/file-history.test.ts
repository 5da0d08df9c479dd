import { assessRisk } from "../../../src/analyse/risk/assess-risk.js";
import { createMemoryChange } from "../../../src/gather/memory-change.js";
import { parseScore } from "../../../src/score/parse-score.js";
import { signalSeen, type SignalCase } from "./signal-seen.js";

const score = `version: 1\nignore: ["test/**"]\n`;
const before = { "src/a.ts": "a\n", "src/b.ts": "b\n", "src/c.ts": "c\n", "test/a.test.ts": "t\n" };
const after = { "src/a.ts": "a2\n", "src/b.ts": "b2\n", "src/c.ts": "c2\n", "test/a.test.ts": "t2\n" };

describe("file-history: files fixed lately, or changed all the time", () => {
  it.each<SignalCase>([
    { name: "a change that cannot tell its history stays quiet", base: before, head: after, seen: undefined },
    {
      name: "files with a quiet history stay quiet",
      base: before,
      head: after,
      history: { "src/a.ts": { changes: 3, fixes: 0 } },
      seen: undefined,
    },
    {
      name: "a file fixed twice lately is half the points",
      base: before,
      head: after,
      history: { "src/a.ts": { changes: 4, fixes: 2 } },
      seen: {
        points: 10,
        detail: "1 file with a recent history of changes or fixes: src/a.ts (4 changes, 2 fixes)",
        file: "src/a.ts",
        evidence: [{ file: "src/a.ts", what: "4 changes, 2 fixes" }],
      },
    },
    {
      name: "a hot spot changed eight times counts without a fix",
      base: before,
      head: after,
      history: { "src/b.ts": { changes: 8, fixes: 0 } },
      seen: {
        points: 4,
        detail: "1 file with a recent history of changes or fixes: src/b.ts (8 changes, 0 fixes)",
        file: "src/b.ts",
        evidence: [{ file: "src/b.ts", what: "8 changes, 0 fixes" }],
      },
    },
    {
      name: "four fixes are full strength; an ignored test's history does not count",
      base: before,
      head: after,
      history: {
        "src/a.ts": { changes: 2, fixes: 1 },
        "src/c.ts": { changes: 9, fixes: 3 },
        "test/a.test.ts": { changes: 20, fixes: 9 },
      },
      seen: {
        points: 20,
        detail:
          "2 files with a recent history of changes or fixes: src/a.ts (2 changes, 1 fix), src/c.ts (9 changes, 3 fixes)",
        file: "src/a.ts",
        evidence: [
          { file: "src/a.ts", what: "2 changes, 1 fix" },
          { file: "src/c.ts", what: "9 changes, 3 fixes" },
        ],
      },
    },
  ])("$name", async ({ base = {}, head, history, seen }) => {
    expect(await signalSeen("file-history", { base, head, ...(history ? { history } : {}) }, score)).toEqual(seen);
  });

  it("a history that cannot be read is said in a note, and risk is weighed without it", async () => {
    const parsed = parseScore(score);
    if (!parsed.ok) throw new Error("invalid test score");
    const change = createMemoryChange({
      base: before,
      head: after,
      history: {},
      faults: { history: new Error("GraphQL said 502") },
    });
    const assessment = await assessRisk({ score: parsed.score, change, scorePath: ".github/maestro.yml" });
    expect(assessment.evidence.has("file-history")).toBe(false);
    expect(assessment.notes).toContainEqual({
      unjudged: false,
      message: "the changed files' recent history could not be read (GraphQL said 502): risk was weighed without it",
    });
  });
});
