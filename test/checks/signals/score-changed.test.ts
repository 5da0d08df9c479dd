import { signalSeen, type SignalCase } from "./signal-seen.js";

const reason =
  "changes the score .github/maestro.yml: a conductor must agree to new rules (this change is judged by the base's)";
const score = "version: 1\n";

describe("score-changed: the change edits the score itself", () => {
  it.each<SignalCase>([
    {
      name: "another YAML file is not the score",
      base: { ".github/other.yml": "a: 1\n" },
      head: { ".github/other.yml": "a: 2\n" },
      seen: undefined,
    },
    {
      name: "an edited score needs a conductor",
      base: { ".github/maestro.yml": score },
      head: { ".github/maestro.yml": `${score}modules: []\n` },
      seen: {
        points: 30,
        detail: "modified the score .github/maestro.yml",
        file: ".github/maestro.yml",
        evidence: [{ file: ".github/maestro.yml", what: "modified" }],
        conductorReasons: [reason],
      },
    },
    {
      name: "an added score needs a conductor",
      head: { ".github/maestro.yml": score },
      seen: {
        points: 30,
        detail: "added the score .github/maestro.yml",
        file: ".github/maestro.yml",
        evidence: [{ file: ".github/maestro.yml", what: "added" }],
        conductorReasons: [reason],
      },
    },
    {
      name: "a deleted score needs a conductor",
      base: { ".github/maestro.yml": score },
      head: {},
      seen: {
        points: 30,
        detail: "removed the score .github/maestro.yml",
        file: ".github/maestro.yml",
        evidence: [{ file: ".github/maestro.yml", what: "removed" }],
        conductorReasons: [reason],
      },
    },
    {
      name: "a score renamed away needs a conductor",
      base: { ".github/maestro.yml": score },
      head: { ".github/maestro.yaml": score },
      renames: { ".github/maestro.yaml": ".github/maestro.yml" },
      seen: {
        points: 30,
        detail: "renamed the score .github/maestro.yml",
        file: ".github/maestro.yaml",
        evidence: [{ file: ".github/maestro.yaml", what: "renamed" }],
        conductorReasons: [reason],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("score-changed", { base, head, renames })).toEqual(seen);
  });

  it("the score counts even where ignore matches it (the starter score ignores `.*/**`, .github/ among them)", async () => {
    expect(
      await signalSeen(
        "score-changed",
        { base: { ".github/maestro.yml": score }, head: { ".github/maestro.yml": `${score}modules: []\n` } },
        'version: 1\nignore: [".*/**"]\n',
      ),
    ).toEqual({
      points: 30,
      detail: "modified the score .github/maestro.yml",
      file: ".github/maestro.yml",
      evidence: [{ file: ".github/maestro.yml", what: "modified" }],
      conductorReasons: [reason],
    });
  });
});
