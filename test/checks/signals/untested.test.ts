import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

/** theia's starter score: a module per workspace package, tests ignored. */
const score = `version: 1
ignore: ["**/*.spec.ts", "**/test/**", "**/lib/**"]
modules:
  - name: ai-ollama
    paths: ["packages/ai-ollama/**"]
  - name: core
    paths: ["packages/core/**"]
`;
/** `n` lines of logic: each calls, assigns or branches. */
const logic = (n: number, name = "v") =>
  lines(n, (i) => (i % 2 ? `  if (${name}${i} > 0) return ${name}${i};` : `  const ${name}${i} = compute(${i});`));
const types = (n: number) => lines(n, (i) => `  readonly field${i}: string;`);

describe("untested: a module gains logic and none of its tests changed", () => {
  it.each<SignalCase>([
    {
      name: "regression: untested fired on half of all commits and predicted nothing: a small fix, a rename, a deletion, config, docs and type-only edits with no test do not fire (theia 5cef3ba, a 10-line z-index fix)",
      base: {
        "packages/core/src/browser/dock-panel.ts": logic(30),
        "packages/core/src/browser/old.ts": logic(40),
        "packages/core/src/common/a.ts": logic(40),
      },
      head: {
        "packages/core/src/browser/dock-panel.ts": logic(30).replace("compute(0)", "compute(0, zIndex)"),
        "packages/core/src/common/moved.ts": logic(40),
        "packages/core/package.json": '{ "name": "@theia/core" }\n',
        "packages/core/README.md": lines(100, (i) => `Line ${i} of docs.`),
        "packages/core/src/common/types.ts": `export interface Options {\n${types(60)}}\n`,
        "packages/core/src/common/types2.ts": lines(30, (i) => `export type T${i} = string | number;`),
      },
      renames: { "packages/core/src/common/moved.ts": "packages/core/src/common/a.ts" },
      seen: undefined,
    },
    {
      name: "regression: a module gaining 50 lines of logic with no test is full strength (theia 501fc0f added Ollama tool support untested; 29e5266 fixed it)",
      base: { "packages/ai-ollama/src/node/ollama-language-model.ts": logic(10) },
      head: { "packages/ai-ollama/src/node/ollama-language-model.ts": logic(10) + logic(50, "w") },
      seen: {
        points: 14,
        detail:
          "50 lines of logic added with no test changed in the same module: packages/ai-ollama/src/node/ollama-language-model.ts (+50 lines of logic)",
        file: "packages/ai-ollama/src/node/ollama-language-model.ts",
        evidence: [{ file: "packages/ai-ollama/src/node/ollama-language-model.ts", what: "+50 lines of logic" }],
      },
    },
    {
      name: "20 lines of logic in one module is half; comments, imports and blank lines are no logic",
      head: {
        "packages/core/src/a.ts": `import { x } from "./x";\n// a comment\n\n${logic(12)}`,
        "packages/core/src/b.ts": logic(8),
      },
      seen: {
        points: 7,
        detail:
          "20 lines of logic added with no test changed in the same module: packages/core/src/a.ts (+12 lines of logic), packages/core/src/b.ts (+8 lines of logic)",
        file: "packages/core/src/a.ts",
        evidence: [
          { file: "packages/core/src/a.ts", what: "+12 lines of logic" },
          { file: "packages/core/src/b.ts", what: "+8 lines of logic" },
        ],
      },
    },
    {
      name: "19 lines of logic is a tiny edit",
      head: { "packages/core/src/a.ts": logic(19) },
      seen: undefined,
    },
    {
      name: "modules count apart: 15 lines in each of two modules is under the step in both",
      head: { "packages/core/src/a.ts": logic(15), "packages/ai-ollama/src/b.ts": logic(15) },
      seen: undefined,
    },
    {
      name: "a test changed in the same module covers it, ignored or not",
      head: { "packages/core/src/a.ts": logic(60), "packages/core/src/a.spec.ts": logic(5) },
      seen: undefined,
    },
    {
      name: "a test changed in another module does not cover it",
      head: { "packages/core/src/a.ts": logic(60), "packages/ai-ollama/src/b.spec.ts": logic(5) },
      seen: {
        points: 14,
        detail:
          "60 lines of logic added with no test changed in the same module: packages/core/src/a.ts (+60 lines of logic)",
        file: "packages/core/src/a.ts",
        evidence: [{ file: "packages/core/src/a.ts", what: "+60 lines of logic" }],
      },
    },
    {
      name: "a test in no module (a top-level test/ folder) may test any module",
      head: { "packages/core/src/a.ts": logic(60), "test/a.test.ts": logic(5) },
      seen: undefined,
    },
    {
      name: "a deleted test covers nothing",
      base: { "packages/core/src/a.spec.ts": logic(5) },
      head: { "packages/core/src/a.ts": logic(60) },
      seen: {
        points: 14,
        detail:
          "60 lines of logic added with no test changed in the same module: packages/core/src/a.ts (+60 lines of logic)",
        file: "packages/core/src/a.ts",
        evidence: [{ file: "packages/core/src/a.ts", what: "+60 lines of logic" }],
      },
    },
    {
      name: "files the score ignores, generated files and type declarations are not judged",
      head: {
        "packages/core/lib/a.js": logic(60),
        "packages/core/src/a.min.js": logic(60),
        "packages/core/src/a.d.ts": logic(60),
      },
      seen: undefined,
    },
    {
      name: "every language the signal knows counts; files in no module count together",
      head: { "app/main.go": logic(10), "pkg/x.py": logic(10) },
      seen: {
        points: 7,
        detail:
          "20 lines of logic added with no test changed in the same module: app/main.go (+10 lines of logic), pkg/x.py (+10 lines of logic)",
        file: "app/main.go",
        evidence: [
          { file: "app/main.go", what: "+10 lines of logic" },
          { file: "pkg/x.py", what: "+10 lines of logic" },
        ],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("untested", { base, head, renames }, score)).toEqual(seen);
  });
});
