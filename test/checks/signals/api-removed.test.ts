import { signalSeen, type SignalCase } from "./signal-seen.js";

const score = `version: 1
modules:
  - name: lib
    paths: ["src/lib/**"]
    public: ["src/lib/index.ts"]
  - name: app
    paths: ["src/app/**"]
`;
const api = "export function f(a: string): void {}\nexport const g = 1;\n";

describe("api-removed: exports removed or changed in a module's public files", () => {
  it.each<SignalCase>([
    {
      name: "a removed export is half",
      base: { "src/lib/index.ts": api },
      head: { "src/lib/index.ts": "export const g = 1;\n" },
      seen: {
        points: 15,
        detail: "1 public export removed or changed: src/lib/index.ts (f removed)",
        file: "src/lib/index.ts",
        evidence: [{ file: "src/lib/index.ts", what: "f removed" }],
      },
    },
    {
      name: "a changed signature counts as a change",
      base: { "src/lib/index.ts": api },
      head: { "src/lib/index.ts": api.replace("a: string", "a: number") },
      seen: {
        points: 15,
        detail: "1 public export removed or changed: src/lib/index.ts (f changed)",
        file: "src/lib/index.ts",
        evidence: [{ file: "src/lib/index.ts", what: "f changed" }],
      },
    },
    {
      name: "a deleted public file removes every export: full strength",
      base: { "src/lib/index.ts": api },
      head: {},
      seen: {
        points: 30,
        detail: "2 public exports removed or changed: src/lib/index.ts (f removed), src/lib/index.ts (g removed)",
        file: "src/lib/index.ts",
        evidence: [
          { file: "src/lib/index.ts", what: "f removed" },
          { file: "src/lib/index.ts", what: "g removed" },
        ],
      },
    },
    {
      name: "a public file renamed away is compared with what it was",
      base: { "src/lib/index.ts": api },
      head: { "src/lib/main.ts": "export const g = 1;\n" },
      renames: { "src/lib/main.ts": "src/lib/index.ts" },
      seen: {
        points: 15,
        detail: "1 public export removed or changed: src/lib/main.ts (f removed)",
        file: "src/lib/main.ts",
        evidence: [{ file: "src/lib/main.ts", what: "f removed" }],
      },
    },
    {
      name: "an export added is not a break",
      base: { "src/lib/index.ts": api },
      head: { "src/lib/index.ts": `${api}export const h = 2;\n` },
      seen: undefined,
    },
    {
      name: "a module's internal file is no contract",
      base: { "src/lib/internal.ts": api },
      head: { "src/lib/internal.ts": "" },
      seen: undefined,
    },
    {
      name: "a module without public files declares no contract",
      base: { "src/app/index.ts": api },
      head: { "src/app/index.ts": "" },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("api-removed", { base, head, renames }, score)).toEqual(seen);
  });
});
