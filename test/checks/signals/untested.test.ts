import { signalSeen, type SignalCase } from "./signal-seen.js";

const x = "export const x = 1;\n";

describe("untested: code changed and no test changed with it", () => {
  it.each<SignalCase>([
    {
      name: "source code with no test",
      head: { "src/a.ts": x },
      seen: {
        points: 15,
        detail: "1 source file changed with no test changed: src/a.ts (+1)",
        file: "src/a.ts",
        evidence: [{ file: "src/a.ts", what: "+1" }],
      },
    },
    {
      name: "every language the signal knows counts, the first three named",
      base: { "app/main.go": "package main\n" },
      head: {
        "app/main.go": "package main\n\nfunc main() {}\n",
        "lib/x.py": "x = 1\n",
        "lib/y.rs": "fn y() {}\n",
        "web/z.tsx": x,
      },
      seen: {
        points: 15,
        detail:
          "4 source files changed with no test changed: app/main.go (+3), lib/x.py (+1), lib/y.rs (+1) and 1 more",
        file: "app/main.go",
        evidence: [
          { file: "app/main.go", what: "+3" },
          { file: "lib/x.py", what: "+1" },
          { file: "lib/y.rs", what: "+1" },
          { file: "web/z.tsx", what: "+1" },
        ],
      },
    },
    { name: "a test changed with the code", head: { "src/a.ts": x, "src/a.test.ts": x }, seen: undefined },
    { name: "a test under a test folder counts", head: { "src/a.ts": x, "test/a.ts": x }, seen: undefined },
    { name: "files that are not code", head: { "README.md": "# a\n", "config.json": "{}\n" }, seen: undefined },
    { name: "type declarations", head: { "types/a.d.ts": "export type A = 1;\n" }, seen: undefined },
    { name: "code only deleted", base: { "src/a.ts": x }, head: {}, seen: undefined },
    { name: "code emptied, with no line added", base: { "src/a.ts": x }, head: { "src/a.ts": "" }, seen: undefined },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("untested", { base, head, renames })).toEqual(seen);
  });
});
