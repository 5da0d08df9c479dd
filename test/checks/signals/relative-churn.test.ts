import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

const score = `version: 1\nignore: ["test/**"]\n`;
const code = (n: number, tag = "v") => lines(n, (i) => `export const ${tag}${i} = ${i};`);
/** The file with `n` lines appended. */
const grown = (before: number, added: number) => code(before) + code(added, "w");

describe("relative-churn: existing files largely rewritten", () => {
  it.each<SignalCase>([
    {
      name: "lines added to a large file are not a rewrite",
      base: { "src/a.ts": code(400) },
      head: { "src/a.ts": grown(400, 100) },
      seen: undefined,
    },
    {
      name: "half a file's length added is a rewrite, a third of the points",
      base: { "src/a.ts": code(40) },
      head: { "src/a.ts": grown(40, 20) },
      seen: {
        points: 4,
        detail: "1 file largely rewritten: src/a.ts (+20 to 40 lines)",
        file: "src/a.ts",
        evidence: [{ file: "src/a.ts", what: "+20 to 40 lines" }],
      },
    },
    {
      name: "a file replaced whole counts its new lines against its old length",
      base: { "src/a.ts": code(30), "src/b.ts": code(30), "src/c.ts": code(30) },
      head: { "src/a.ts": code(30, "x"), "src/b.ts": code(30, "y"), "src/c.ts": code(30, "z") },
      seen: {
        points: 13,
        detail:
          "3 files largely rewritten: src/a.ts (+30 to 30 lines), src/b.ts (+30 to 30 lines), src/c.ts (+30 to 30 lines)",
        file: "src/a.ts",
        evidence: [
          { file: "src/a.ts", what: "+30 to 30 lines" },
          { file: "src/b.ts", what: "+30 to 30 lines" },
          { file: "src/c.ts", what: "+30 to 30 lines" },
        ],
      },
    },
    {
      name: "a renamed file is measured against its length under its old name",
      base: { "src/old.ts": code(40) },
      head: { "src/new.ts": grown(40, 30) },
      renames: { "src/new.ts": "src/old.ts" },
      seen: {
        points: 4,
        detail: "1 file largely rewritten: src/new.ts (+30 to 40 lines)",
        file: "src/new.ts",
        evidence: [{ file: "src/new.ts", what: "+30 to 40 lines" }],
      },
    },
    {
      name: "a small file may be rewritten freely",
      base: { "src/a.ts": code(10) },
      head: { "src/a.ts": code(40, "x") },
      seen: undefined,
    },
    { name: "a new file is not churn", head: { "src/a.ts": code(400) }, seen: undefined },
    {
      name: "an ignored file is not judged",
      base: { "test/a.test.ts": code(40) },
      head: { "test/a.test.ts": code(40, "x") },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(
      await signalSeen("relative-churn", { base, head, patches: "minimal", ...(renames ? { renames } : {}) }, score),
    ).toEqual(seen);
  });
});
