import { signalSeen, type SignalCase } from "./signal-seen.js";

// Breadth's fitted default (2 points) rounds most strengths to nothing: the table weighs it at its old 30 to show them.
const score = `version: 1
ignore: ["src/fixtures/**"]
risk:
  weights:
    breadth: 30
modules:
  - name: api
    paths: ["src/api/**"]
  - name: core
    paths: ["src/core/**"]
  - name: db
    paths: ["src/db/**"]
  - name: ui
    paths: ["src/ui/**"]
  - name: cli
    paths: ["src/cli/**"]
  - name: jobs
    paths: ["src/jobs/**"]
  - name: fixtures
    paths: ["src/fixtures/**"]
`;
const x = "export const x = 1;\n";

describe("breadth: how many modules the change touches", () => {
  it.each<SignalCase>([
    { name: "one module is not broad", head: { "src/api/a.ts": x, "src/api/b.ts": x }, seen: undefined },
    { name: "files in no module do not count", head: { "src/api/a.ts": x, "README.md": x }, seen: undefined },
    {
      name: "two modules is a fifth",
      head: { "src/api/a.ts": x, "src/core/b.ts": x },
      seen: { points: 6, detail: "touches 2 modules: api, core", evidence: [] },
    },
    {
      name: "modules are listed by name",
      head: { "src/ui/a.ts": x, "src/db/b.ts": x, "src/api/c.ts": x },
      seen: { points: 12, detail: "touches 3 modules: api, db, ui", evidence: [] },
    },
    {
      name: "six modules is full strength",
      head: {
        "src/api/a.ts": x,
        "src/core/a.ts": x,
        "src/db/a.ts": x,
        "src/ui/a.ts": x,
        "src/cli/a.ts": x,
        "src/jobs/a.ts": x,
      },
      seen: { points: 30, detail: "touches 6 modules: api, cli, core, db, jobs, ui", evidence: [] },
    },
    {
      name: "a rename counts the module it leaves",
      base: { "src/api/a.ts": x },
      head: { "src/core/a.ts": x },
      renames: { "src/core/a.ts": "src/api/a.ts" },
      seen: { points: 6, detail: "touches 2 modules: api, core", evidence: [] },
    },
    { name: "ignored files do not count", head: { "src/api/a.ts": x, "src/fixtures/a.ts": x }, seen: undefined },
    {
      name: "regression: a monorepo release touching its modules only to bump versions (package.json, lockfile, changelog) was broad (theia v1.74.0 c58d760: 84 modules)",
      base: {
        "src/api/package.json": '{ "version": "1.73.0" }\n',
        "src/core/package.json": '{ "version": "1.73.0" }\n',
        "src/db/yarn.lock": "a@1.73.0\n",
        "src/ui/CHANGELOG.md": "## 1.73.0\n",
        "src/cli/Cargo.toml": 'version = "1.73.0"\n',
        "src/jobs/HISTORY.rst": "1.73.0\n",
      },
      head: {
        "src/api/package.json": '{ "version": "1.74.0" }\n',
        "src/core/package.json": '{ "version": "1.74.0" }\n',
        "src/db/yarn.lock": "a@1.74.0\n",
        "src/ui/CHANGELOG.md": "## 1.74.0\n",
        "src/cli/Cargo.toml": 'version = "1.74.0"\n',
        "src/jobs/HISTORY.rst": "1.74.0\n",
      },
      seen: undefined,
    },
    {
      name: "a module whose code changed counts, its manifest with it or not (code named history.ts is no changelog)",
      base: { "src/api/package.json": "{}\n", "src/core/package.json": "{}\n" },
      head: {
        "src/api/package.json": '{ "version": "2" }\n',
        "src/api/a.ts": x,
        "src/core/package.json": '{ "version": "2" }\n',
        "src/db/history.ts": x,
      },
      seen: { points: 6, detail: "touches 2 modules: api, db", evidence: [] },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("breadth", { base, head, renames }, score)).toEqual(seen);
  });
});

test("breadth's default points are small: the fit on real history found its information in size and diffusion", async () => {
  const head = Object.fromEntries(["api", "core", "db", "ui", "cli", "jobs"].map((m) => [`src/${m}/a.ts`, x]));
  const noWeights = score.replace("risk:\n  weights:\n    breadth: 30\n", "");
  expect(await signalSeen("breadth", { base: {}, head }, noWeights)).toMatchObject({ points: 2 });
});
