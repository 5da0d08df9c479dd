import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serialize } from "node:v8";
import type { ConformanceStats } from "../../src/analyse/conformance/index.js";
import type { Verdict } from "../../src/decide/verdict.js";
import { LAYERED_SCORE, layeredRepo, maestroWithEnv, type TestRepo } from "../helpers/git-repo.js";

/** `maestro check --format json` with MAESTRO_STATS on: the verdict, and what the check says it cost. */
async function checkWithStats(repo: TestRepo, ...args: string[]) {
  const run = await maestroWithEnv(repo.dir, { MAESTRO_STATS: "1" }, "check", "--format", "json", ...args);
  if (run.code === 2) throw new Error(`maestro check exited 2: ${run.stderr}`);
  const stats = /maestro stats: (.*)/.exec(run.stderr)?.[1];
  if (!stats) throw new Error(`no stats on stderr: ${run.stderr}`);
  return { code: run.code, verdict: JSON.parse(run.stdout) as Verdict, stats: JSON.parse(stats) as ConformanceStats };
}

const PACKAGE = (version: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ name: "shop", version, private: true, ...extra }, null, 2)}\n`;

describe("a change's cost follows the change", () => {
  it("a one-line package.json version bump gives the same verdict as before, and resolves no import", async () => {
    const repo = layeredRepo({
      "package.json": PACKAGE("1.0.0"),
      // already at base: a boundary violation and a cycle, which the bump must neither lose nor call new
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.write({ "package.json": PACKAGE("1.0.1") });
    repo.commit();
    const cold = await checkWithStats(repo);
    const warm = await checkWithStats(repo);
    expect(warm.verdict).toEqual(cold.verdict);
    expect(warm.verdict.verdict).toBe("pass");
    expect(warm.stats).toEqual({
      conformance: "judged",
      graph: "cached",
      configs: "none",
      parsed: 0,
      resolved: 0,
    });
  });

  it("a package.json whose workspaces change sends its bare imports back to the resolver, not its relative ones", async () => {
    const repo = layeredRepo({
      "package.json": PACKAGE("1.0.0"),
      "src/app/server.ts": `import express from "express";\nimport { run } from "./main";\nexport const app = [express, run];\n`,
    });
    repo.write({ "package.json": PACKAGE("1.0.0", { workspaces: ["packages/*"] }) });
    repo.commit();
    await checkWithStats(repo);
    const { stats, verdict } = await checkWithStats(repo);
    // express is the one bare specifier among the unchanged files' imports; ./main, ../infra/db and the others stay put.
    expect(stats).toMatchObject({ configs: "some imports", graph: "cached", parsed: 0, resolved: 1 });
    expect(verdict.verdict).toBe("pass");
  });

  it("a tsconfig whose paths alone change re-resolves the bare specifiers only", async () => {
    const tsconfig = (target: string) =>
      `{\n  // the alias the app uses\n  "compilerOptions": { "baseUrl": ".", "paths": { "@store": ["${target}"] } },\n}\n`;
    const repo = layeredRepo({
      "tsconfig.json": tsconfig("src/infra/db.ts"),
      "src/infra/cache.ts": `export const cache = 1;\n`,
      "src/app/store.ts": `import { load } from "@store";\nimport { run } from "./main";\nexport const store = [load, run];\n`,
    });
    repo.write({ "tsconfig.json": tsconfig("src/infra/cache.ts") });
    repo.commit();
    await checkWithStats(repo);
    const { stats, verdict } = await checkWithStats(repo);
    // @store is the one bare specifier among the unchanged files' imports; ./main, ../infra/db and the others stay put.
    expect(stats).toMatchObject({ configs: "some imports", parsed: 0, resolved: 1 });
    expect(verdict.verdict).toBe("pass");
  });

  it("regression: a JSON file a tsconfig extends under any name is a resolution config: its change re-resolves the imports, never 'nothing to judge'", async () => {
    const base = (target: string) => `{ "compilerOptions": { "baseUrl": "..", "paths": { "@lib": ["${target}"] } } }\n`;
    const repo = layeredRepo({
      "tsconfig.json": `{ "extends": "./config/typescript-base.json" }\n`,
      "config/typescript-base.json": base("src/domain/rules.ts"),
      "src/domain/use.ts": `import { MAX } from "@lib";\nexport const twice = MAX * 2;\n`,
    });
    await checkWithStats(repo);
    repo.write({ "config/typescript-base.json": base("src/infra/db.ts") });
    repo.commit();
    const { verdict, stats, code } = await checkWithStats(repo);
    expect(stats).toMatchObject({ conformance: "judged", configs: "all imports" });
    expect(verdict.violations).toContainEqual(
      expect.objectContaining({ rule: "boundary", file: "src/domain/use.ts", to: "infra", introduced: true }),
    );
    expect(code).toBe(1);
  });

  it("regression: a tsconfig paths change that sends an unchanged file's import across a boundary is that change's violation, at the import", async () => {
    const tsconfig = (target: string) =>
      `{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib": ["${target}"] } } }\n`;
    const repo = layeredRepo({
      "tsconfig.json": tsconfig("src/domain/rules.ts"),
      "src/domain/use.ts": `import { MAX } from "@lib";\nexport const twice = MAX * 2;\n`,
    });
    await checkWithStats(repo);
    repo.write({ "tsconfig.json": tsconfig("src/infra/db.ts") });
    repo.commit();
    const { verdict, code } = await checkWithStats(repo);
    expect(verdict.verdict).toBe("block");
    expect(verdict.violations).toEqual([
      expect.objectContaining({
        rule: "boundary",
        file: "src/domain/use.ts",
        line: 1,
        from: "domain",
        to: "infra",
        specifier: "@lib",
        introduced: true,
      }),
    ]);
    expect(code).toBe(1);
  });

  it("a change with no source file and no resolution config says conformance had nothing to judge", async () => {
    const repo = layeredRepo();
    repo.write({ "README.md": "# shop\n", "docs/guide.md": "How to run the shop.\n" });
    repo.commit();
    const { verdict, stats, code } = await checkWithStats(repo);
    expect(verdict.notes).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^conformance had nothing to judge: no source file/) }),
    ]);
    expect(stats).toMatchObject({ conformance: "nothing to judge", parsed: 0, resolved: 0 });
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });

  it("a cycle names an unchanged file's import where the changed file that first made the edge no longer does", async () => {
    const repo = layeredRepo({
      // src/infra/a.ts comes before src/infra/db.ts: at base it is where infra first uses domain
      "src/infra/a.ts": `import { MAX } from "../domain/rules";\nexport const a = MAX;\n`,
    });
    repo.write({
      "src/infra/a.ts": `export const a = 3;\n`,
      "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const MAX = load;\n`,
    });
    repo.commit();
    const { verdict } = await checkWithStats(repo);
    const cycle = verdict.violations.find((v) => v.rule === "cycle");
    expect(cycle?.message).toContain("which already depends on domain (src/infra/db.ts:1)");
  });
});

describe("files the score ignores", () => {
  const TESTS = {
    "test/db.test.ts": `import { load } from "../src/infra/db";\nexport const t = load;\n`,
    "test/helper.ts": `import { load } from "../src/infra/db";\nexport const h = load;\n`,
  };

  it("are not parsed when the base graph is built: only the four judged sources and the changed file are", async () => {
    const repo = layeredRepo(TESTS);
    repo.write({ "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load() ?? 1;\n` });
    repo.commit();
    const { stats, verdict } = await checkWithStats(repo);
    expect(stats).toMatchObject({ graph: "built", parsed: 5 });
    expect(verdict.verdict).toBe("pass");
  });

  it("a cached base graph read under one `ignore` is not reused under another: the graph is built again", async () => {
    const repo = layeredRepo(TESTS);
    repo.write({ "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load() ?? 1;\n` });
    repo.commit();
    const cacheDir = mkdtempSync(join(tmpdir(), "maestro-cache-"));
    await checkWithStats(repo, "--cache-dir", cacheDir);
    // The same base under a score that ignores nothing: the test files are judged now, and need their imports.
    const scoreFile = join(mkdtempSync(join(tmpdir(), "maestro-score-")), "maestro.yml");
    writeFileSync(scoreFile, LAYERED_SCORE.replace('ignore: ["test/**"]\n', ""));
    const other = await checkWithStats(repo, "--cache-dir", cacheDir, "--score", scoreFile);
    expect(other.stats).toMatchObject({ graph: "built", parsed: 7 });
  });
});

describe("the parsed score kept with the cache", () => {
  const violating = (extra: Record<string, string> = {}) => {
    const repo = layeredRepo(extra);
    repo.write({ "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const MAX = load;\n` });
    repo.commit();
    return repo;
  };

  it("is the score of that text only: another repository's score in the same cache folder gives its own verdict", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "maestro-cache-"));
    const strict = await checkWithStats(violating(), "--cache-dir", cacheDir);
    expect(strict.verdict.verdict).toBe("block");
    const lenientScore = LAYERED_SCORE.replace(
      /name: domain\n(\s+)paths: (.*)\n\s+may_use: \[\]/,
      "name: domain\n$1paths: $2\n$1may_use: [infra]",
    );
    expect(lenientScore).not.toBe(LAYERED_SCORE);
    const lenient = await checkWithStats(violating({ ".github/maestro.yml": lenientScore }), "--cache-dir", cacheDir);
    expect(lenient.verdict.violations.filter((v) => v.rule === "boundary")).toEqual([]);
  });

  it("cut short or overwritten, is read from the YAML again, with the same verdict", async () => {
    const repo = violating();
    const cacheDir = mkdtempSync(join(tmpdir(), "maestro-cache-"));
    const first = await checkWithStats(repo, "--cache-dir", cacheDir);
    for (const file of readdirSync(cacheDir).filter((f) => f.startsWith("score-")))
      writeFileSync(
        join(cacheDir, file),
        serialize({ magic: "maestro-score-v1", score: { version: 1, modules: "all" } }),
      );
    const second = await checkWithStats(repo, "--cache-dir", cacheDir);
    expect(second.verdict).toEqual(first.verdict);
    expect(second.verdict.verdict).toBe("block");
  });
});

describe("the graph cache", () => {
  it("regression: a --cache-dir inside the work tree is refused (exit 2): a pull request could commit a forged base graph there", async () => {
    const repo = layeredRepo();
    repo.write({ "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load() ?? 1;\n` });
    repo.commit();
    const run = await maestroWithEnv(repo.dir, {}, "check", "--format", "json", "--cache-dir", ".maestro-cache");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--cache-dir .maestro-cache is inside the repository's work tree");
    expect(run.stdout).toBe("");
  });

  it("--cache-dir keeps the cache there, not in .git, and the next check reads it", async () => {
    const repo = layeredRepo();
    repo.write({ "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load() ?? 1;\n` });
    repo.commit();
    const cacheDir = mkdtempSync(join(tmpdir(), "maestro-cache-"));
    const first = await checkWithStats(repo, "--cache-dir", cacheDir);
    expect(readdirSync(cacheDir).sort()).toEqual([
      expect.stringMatching(/^graph-[0-9a-f]{40}-v\d+(-i[0-9a-f]{16})?\.bin$/),
      expect.stringMatching(/^modules-[0-9a-f]{40}-v\d+(-i[0-9a-f]{16})?-m[0-9a-f]+\.bin$/),
      expect.stringMatching(/^score-[0-9a-f]{64}\.bin$/),
    ]);
    expect(existsSync(join(repo.dir, ".git", "maestro"))).toBe(false);
    const second = await checkWithStats(repo, "--cache-dir", cacheDir);
    expect(first.stats.graph).toBe("built");
    expect(second.stats.graph).toBe("cached");
    expect(second.verdict).toEqual(first.verdict);
  });

  it.each([
    [
      "written by another version of the cache",
      (columns: unknown) => ({ magic: "maestro-graph-v3", columns, notes: [] }),
    ],
    [
      "whose columns do not hang together",
      (columns: unknown) => ({
        magic: "maestro-graph-v4",
        columns: { ...(columns as object), target: new Int32Array([7, 7, 7, 7, 7]) },
        notes: [],
      }),
    ],
  ])("a graph cache file %s is ignored: the graph is built again and the verdict is clean", async (_, contents) => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.write({ "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = () => load;\n` });
    repo.commit();
    const cacheDir = mkdtempSync(join(tmpdir(), "maestro-cache-"));
    const clean = await checkWithStats(repo, "--cache-dir", cacheDir);
    const file = readdirSync(cacheDir).find((f) => f.startsWith("graph-")) as string;
    // A graph of one file that imports nothing: read as this commit's, it would make the existing violations new.
    const empty = {
      strings: ["src/domain/legacy.ts"],
      files: new Uint32Array([0]),
      starts: new Uint32Array([0, 0]),
      specifier: new Uint32Array([]),
      target: new Int32Array([]),
      flags: new Uint8Array([]),
      line: new Uint32Array([]),
      column: new Uint32Array([]),
    };
    writeFileSync(join(cacheDir, file), serialize(contents(empty)));
    const again = await checkWithStats(repo, "--cache-dir", cacheDir);
    expect(again.stats.graph).toBe("built");
    expect(again.verdict).toEqual(clean.verdict);
    expect(again.verdict.verdict).toBe("pass");
  });
});
