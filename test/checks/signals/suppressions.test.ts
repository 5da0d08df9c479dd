import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

const ignoreTests = `version: 1\nignore: ["**/*.spec.ts", "**/test/**"]\n`;

describe("suppressions: added lines that switch a checker off", () => {
  it.each<SignalCase>([
    {
      name: "@ts-ignore is a fifth, at its line",
      base: { "src/a.ts": "const a = 1;\n" },
      head: { "src/a.ts": "const a = 1;\n// @ts-ignore\nconst b: string = a;\n" },
      seen: {
        points: 2,
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
        points: 10,
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
        points: 4,
        detail: "2 suppressions added: src/a.ts:1 (eslint-disable), src/a.ts:2 (eslint-disable)",
        file: "src/a.ts",
        line: 1,
        evidence: [
          { file: "src/a.ts", line: 1, what: "eslint-disable" },
          { file: "src/a.ts", line: 2, what: "eslint-disable" },
        ],
      },
    },
    {
      name: "regression: generic arguments were taken for `as any` casts (theia's `Promise<any>`, `Emitter<any>`, `new Handles<any>()`)",
      head: {
        "src/a.ts": [
          "const handles = new Handles<any>();",
          "let emitter: Emitter<any>;",
          "function f(): Promise<any> {}",
          "const dialogs: AbstractDialog<any>[] = [];",
          "const m = new Map<string, Array<any>>();",
          "// works as any other widget does",
          "",
        ].join("\n"),
      },
      seen: undefined,
    },
    {
      name: "`<any>` casts at the start of an expression, and `as any` however it is used, count",
      head: {
        "src/a.ts": [
          "this.history.restore((<any>oldState)['history']);",
          "push(addEventListener(container, <any>'ps-scroll-up', f));",
          "const x = <any>y;",
          "const z = (y as any).z;",
          "const w = y as any as W;",
          "",
        ].join("\n"),
      },
      seen: {
        points: 10,
        detail:
          "5 suppressions added: src/a.ts:1 (<any> cast), src/a.ts:2 (<any> cast), src/a.ts:3 (<any> cast) and 2 more",
        file: "src/a.ts",
        line: 1,
        evidence: [
          { file: "src/a.ts", line: 1, what: "<any> cast" },
          { file: "src/a.ts", line: 2, what: "<any> cast" },
          { file: "src/a.ts", line: 3, what: "<any> cast" },
          { file: "src/a.ts", line: 4, what: "as any" },
          { file: "src/a.ts", line: 5, what: "as any" },
        ],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("suppressions", { base, head, renames })).toEqual(seen);
  });

  it.each<SignalCase>([
    {
      name: "regression: `as any` in test files the score's ignore says are never judged was counted (theia's skill-service.spec.ts)",
      head: {
        "packages/ai-core/src/browser/skill-service.spec.ts": "const s = service as any;\n// @ts-ignore\n",
        "packages/core/test/helper.ts": "const h = helper as any;\n",
      },
      seen: undefined,
    },
    {
      name: "a judged file next to ignored ones still counts",
      head: {
        "packages/ai-core/src/browser/skill-service.spec.ts": "const s = service as any;\n",
        "packages/ai-core/src/browser/skill-service.ts": "const s = service as any;\n",
      },
      seen: {
        points: 2,
        detail: "1 suppression added: packages/ai-core/src/browser/skill-service.ts:1 (as any)",
        file: "packages/ai-core/src/browser/skill-service.ts",
        line: 1,
        evidence: [{ file: "packages/ai-core/src/browser/skill-service.ts", line: 1, what: "as any" }],
      },
    },
  ])("ignored files: $name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("suppressions", { base, head, renames }, ignoreTests)).toEqual(seen);
  });
});
