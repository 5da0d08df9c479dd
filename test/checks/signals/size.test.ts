import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

const code = (n: number) => lines(n, (i) => `export const v${i} = ${i};`);
/** A package-lock.json's entries, as `npm upgrade` rewrites them: version, resolved and integrity per package. */
const lock = (n: number, version: string) =>
  lines(
    n,
    (i) => `    "node_modules/p${Math.floor(i / 3)}": "${["version", "resolved", "integrity"][i % 3]}-${version}",`,
  );
const score = `version: 1\nignore: ["generated/**"]\n`;

describe("size: lines changed in judged files, on a log scale", () => {
  it.each<SignalCase>([
    { name: "20 lines is nothing", head: { "src/a.ts": code(20) }, seen: undefined },
    {
      name: "100 lines is about a third (log 5 of log 100)",
      head: { "src/a.ts": code(100) },
      seen: { points: 13, detail: "100 lines changed in 1 file", evidence: [] },
    },
    {
      name: "added and removed lines both count",
      base: { "src/a.ts": code(125) },
      head: { "src/a.ts": code(125).replace("v0 ", "w0 ") },
      seen: { points: 20, detail: "250 lines changed in 1 file", evidence: [] },
    },
    {
      name: "500 lines over two files is seven tenths",
      head: { "src/a.ts": code(300), "src/b.ts": code(200) },
      seen: { points: 26, detail: "500 lines changed in 2 files", evidence: [] },
    },
    {
      name: "1000 lines is 85 hundredths",
      head: { "src/a.ts": code(1000) },
      seen: { points: 31, detail: "1000 lines changed in 1 file", evidence: [] },
    },
    {
      name: "2000 lines is full strength",
      head: { "src/a.ts": code(2000) },
      seen: { points: 37, detail: "2000 lines changed in 1 file", evidence: [] },
    },
    {
      name: "ignored files do not count",
      head: { "generated/a.ts": code(2000), "src/a.ts": code(100) },
      seen: { points: 13, detail: "100 lines changed in 1 file", evidence: [] },
    },
    {
      name: "binary files do not count",
      head: { "src/a.ts": code(100), "logo.png": new Uint8Array([0, 1, 2]) },
      seen: { points: 13, detail: "100 lines changed in 1 file", evidence: [] },
    },
    {
      name: "regression: an npm upgrade touching only package-lock.json scored 30 for size (theia 12cb697, 1,477 lockfile lines)",
      base: { "package-lock.json": lock(750, "1") },
      head: { "package-lock.json": lock(750, "2") },
      seen: undefined,
    },
    {
      name: "regression: a release with most of its lines in lockfiles was sized by them (theia c58d760, 1,877 of 3,463 lines in package-lock.json); lockfiles of every kind are left out",
      base: { "package-lock.json": lock(1000, "1"), "web/yarn.lock": lock(300, "1"), "go.sum": lock(300, "1") },
      head: {
        "package-lock.json": lock(1000, "2"),
        "web/yarn.lock": lock(300, "2"),
        "go.sum": lock(300, "2"),
        "src/a.ts": code(100),
      },
      seen: { points: 13, detail: "100 lines changed in 1 file", evidence: [] },
    },
    {
      name: "regression: generated files (minified bundles, source maps, test snapshots) were counted as written lines",
      head: {
        "dist/app.min.js": code(1000),
        "dist/app.js.map": code(1000),
        "src/__snapshots__/a.test.ts.snap": code(1000),
        "src/b.snap": code(1000),
        "src/a.ts": code(250),
      },
      seen: { points: 20, detail: "250 lines changed in 1 file", evidence: [] },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("size", { base, head, renames }, score)).toEqual(seen);
  });
});
