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
      name: "a module without public files: an internal file is no contract",
      base: { "src/app/util.ts": api },
      head: { "src/app/util.ts": "" },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("api-removed", { base, head, renames }, score)).toEqual(seen);
  });

  /** theia's starter score: a module per workspace package, none declaring `public:`. */
  const noPublic = `version: 1
ignore: ["**/*.spec.ts", "**/test/**", "packages/electron/index.*"]
modules:
  - name: ovsx-client
    paths: ["dev-packages/ovsx-client/**"]
  - name: electron
    paths: ["packages/electron/**"]
  - name: lib
    paths: ["src/lib/**"]
  - name: root
    paths: ["*"]
`;
  const ovsxIndex = [
    "export { OVSXApiFilter, OVSXApiFilterImpl } from './ovsx-api-filter';",
    "export { OVSXHttpClient, OVSX_RATE_LIMIT } from './ovsx-http-client';",
    "export * from './ovsx-types';",
    "",
  ].join("\n");
  it.each<SignalCase>([
    {
      name: "regression: api-removed never fired when modules declared no public: (theia's ovsx-client src/index.ts losing an export)",
      base: { "dev-packages/ovsx-client/src/index.ts": ovsxIndex },
      head: {
        "dev-packages/ovsx-client/src/index.ts": ovsxIndex.replace(
          "export { OVSXHttpClient, OVSX_RATE_LIMIT } from './ovsx-http-client';\n",
          "export { OVSXHttpClient } from './ovsx-http-client';\n",
        ),
      },
      seen: {
        points: 15,
        detail: "1 public export removed or changed: dev-packages/ovsx-client/src/index.ts (OVSX_RATE_LIMIT removed)",
        file: "dev-packages/ovsx-client/src/index.ts",
        evidence: [{ file: "dev-packages/ovsx-client/src/index.ts", what: "OVSX_RATE_LIMIT removed" }],
      },
    },
    {
      name: "the entry files are index, mod or main, any JS or TS extension, at the module's root folder or its src/",
      base: {
        "packages/electron/main.js": "export const a = 1;\n",
        "src/lib/mod.ts": "export const b = 1;\n",
        "src/lib/src/main.mts": "export const c = 1;\n",
        "index.d.ts": "export declare const d: number;\n",
      },
      head: {},
      seen: {
        points: 30,
        detail:
          "4 public exports removed or changed: index.d.ts (d removed), packages/electron/main.js (a removed), src/lib/mod.ts (b removed) and 1 more",
        file: "index.d.ts",
        evidence: [
          { file: "index.d.ts", what: "d removed" },
          { file: "packages/electron/main.js", what: "a removed" },
          { file: "src/lib/mod.ts", what: "b removed" },
          { file: "src/lib/src/main.mts", what: "c removed" },
        ],
      },
    },
    {
      name: "an index deeper in the module, or in no module, is no entry",
      base: {
        "dev-packages/ovsx-client/src/common/index.ts": api,
        "src/lib/a/b/index.ts": api,
        "other/index.ts": api,
      },
      head: {},
      seen: undefined,
    },
    {
      name: "an entry file the score ignores (a generated shim) is not judged",
      base: { "packages/electron/index.js": api },
      head: {},
      seen: undefined,
    },
  ])("with no public: declared, $name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("api-removed", { base, head, renames }, noPublic)).toEqual(seen);
  });
});
