import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

describe("suppressions: added lines that switch a checker off", () => {
  it.each<SignalCase>([
    {
      name: "@ts-ignore is a fifth, at its line",
      base: { "src/a.ts": "const a = 1;\n" },
      head: { "src/a.ts": "const a = 1;\n// @ts-ignore\nconst b: string = a;\n" },
      seen: {
        points: 5,
        detail: "1 suppression added: src/a.ts:2 (@ts-ignore)",
        file: "src/a.ts",
        line: 2,
        evidence: [{ file: "src/a.ts", line: 2, what: "@ts-ignore" }],
      },
    },
    {
      name: "each language's own, the first three named; five are full strength",
      head: {
        "a.py": "x = f()  # type: ignore\n",
        "b.go": "x := f() //nolint\n",
        "c.rs": "#[allow(dead_code)]\n",
        "d.java": '@SuppressWarnings("unchecked")\n',
        "e.ts": "const x = y as any;\n",
      },
      seen: {
        points: 25,
        detail: "5 suppressions added: a.py:1 (# type: ignore), b.go:1 (nolint), c.rs:1 (#[allow]) and 2 more",
        file: "a.py",
        line: 1,
        evidence: [
          { file: "a.py", line: 1, what: "# type: ignore" },
          { file: "b.go", line: 1, what: "nolint" },
          { file: "c.rs", line: 1, what: "#[allow]" },
          { file: "d.java", line: 1, what: "@SuppressWarnings" },
          { file: "e.ts", line: 1, what: "as any" },
        ],
      },
    },
    {
      name: "a pattern outside the files it means something in",
      head: { "a.js": "const x = y as any;\n", "notes.md": "// @ts-ignore\n" },
      seen: undefined,
    },
    {
      name: "a suppression removed is not added",
      base: { "src/a.ts": "// eslint-disable-next-line\nx();\n" },
      head: { "src/a.ts": "x();\n" },
      seen: undefined,
    },
    {
      name: "many in one file count once each",
      head: { "src/a.ts": lines(2, () => "// eslint-disable-line") },
      seen: {
        points: 10,
        detail: "2 suppressions added: src/a.ts:1 (eslint-disable), src/a.ts:2 (eslint-disable)",
        file: "src/a.ts",
        line: 1,
        evidence: [
          { file: "src/a.ts", line: 1, what: "eslint-disable" },
          { file: "src/a.ts", line: 2, what: "eslint-disable" },
        ],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("suppressions", { base, head, renames })).toEqual(seen);
  });
});
