import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseScore } from "../../src/score/parse-score.js";
import { checkJson, createRepo, maestro } from "../helpers/git-repo.js";

const root = new URL("../..", import.meta.url).pathname;

describe("maestro init", () => {
  it("on Maestro itself: a starter score that today's code passes with check --all", async () => {
    const repo = createRepo();
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
    for (const file of files.filter((f) => f !== ".github/maestro.yml" && !f.startsWith("test/golden"))) {
      mkdirSync(dirname(join(repo.dir, file)), { recursive: true });
      copyFileSync(join(root, file), join(repo.dir, file));
    }
    const run = await maestro(repo.dir, "init");
    expect(run.stdout).toMatch(
      /^wrote \.github\/maestro\.yml: \d+ modules \(.*analyse.*cli.*\); today's code has 0 blocking violation\(s\)/,
    );
    const text = readFileSync(join(repo.dir, ".github/maestro.yml"), "utf8");
    const parsed = parseScore(text);
    expect(parsed.ok && parsed.problems).toEqual([]);
    expect(text).toContain("  - name: cli\n");
    const { code, verdict } = await checkJson(
      repo.dir,
      "--all",
      "--score",
      ".github/maestro.yml",
      "--head",
      repo.commit("with score"),
    );
    expect(verdict.violations.filter((v) => v.severity === "error")).toEqual([]);
    expect(code).toBe(0);
  });

  it("on a monorepo: one module per workspace package, may_use from today's imports, cycles warned", async () => {
    const repo = createRepo();
    repo.write({
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*", "apps/*"] }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "src/index.ts" }),
      "packages/core/src/index.ts": `import { ui } from "@acme/ui";\nexport const core = ui;\n`,
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui", main: "src/index.ts" }),
      "packages/ui/src/index.ts": `import { core } from "@acme/core";\nexport const ui = core;\n`,
      "apps/web/package.json": JSON.stringify({ name: "@acme/web" }),
      "apps/web/src/main.tsx": `import { ui } from "@acme/ui";\nimport { core } from "@acme/core";\nexport const App = () => ui + core;\n`,
      "apps/web/src/main.test.tsx": `import { App } from "./main";\n`,
      "scripts/release.mjs": `import fs from "node:fs";\n`,
      "jest.config.js": "module.exports = {};\n",
      "migrations/001.sql": "create table x();\n",
    });
    repo.commit("monorepo");
    expect((await maestro(repo.dir, "init")).code).toBe(0);
    const text = readFileSync(join(repo.dir, ".github/maestro.yml"), "utf8");
    expect(text).toContain(
      '  - name: web\n    # description: why this boundary exists (shown when it is broken)\n    paths: ["apps/web/**"]\n    may_use: ["core", "ui"]',
    );
    expect(text).toContain(
      '  - name: core\n    # description: why this boundary exists (shown when it is broken)\n    paths: ["packages/core/**"]\n    may_use: ["ui"]',
    );
    expect(text).toContain("  - name: scripts\n");
    expect(text).toMatch(/# Today's code has module cycles \(core ↔ ui\)[^\n]*\n {2}cycles: warn/);
    expect(text).toContain('"**/migrations/**"');
    repo.commit("score");
    const { code, verdict } = await checkJson(repo.dir, "--all");
    expect(verdict.violations.filter((v) => v.severity === "error")).toEqual([]);
    expect(code).toBe(0);
  });

  it("on workspace packages built to an uncommitted dist/: may_use between packages from today's imports", async () => {
    const repo = createRepo();
    const builtToDist = (name: string) => ({
      name,
      main: "dist/index.js",
      types: "dist/index.d.ts",
      exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    });
    repo.write({
      ".gitignore": "dist/\n",
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }),
      // Project references' layout: each package's src/ built to its dist/, from one shared base.
      "tsconfig.base.json": JSON.stringify({
        compilerOptions: { composite: true, rootDir: "${configDir}/src", outDir: "${configDir}/dist" },
      }),
      "packages/core/package.json": JSON.stringify(builtToDist("@acme/core")),
      "packages/core/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src"] }),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      "packages/ui/package.json": JSON.stringify(builtToDist("@acme/ui")),
      "packages/ui/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src"] }),
      "packages/ui/src/index.ts": `import { core } from "@acme/core";\nexport const button = core;\n`,
      "packages/web/package.json": JSON.stringify({ name: "@acme/web", private: true }),
      "packages/web/src/app.ts": `import { button } from "@acme/ui";\nexport const app = button;\n`,
    });
    repo.commit("monorepo");
    expect((await maestro(repo.dir, "init")).code).toBe(0);
    const text = readFileSync(join(repo.dir, ".github/maestro.yml"), "utf8");
    expect(text).toMatch(/ {2}- name: ui\n.*\n {4}paths: \["packages\/ui\/\*\*"\]\n {4}may_use: \["core"\]/);
    expect(text).toMatch(/ {2}- name: web\n.*\n {4}paths: \["packages\/web\/\*\*"\]\n {4}may_use: \["ui"\]/);
    repo.commit("score");
    expect((await checkJson(repo.dir, "--all")).code).toBe(0);
    // The edges are real: web reaching past ui into core is now a boundary violation.
    repo.write({ "packages/web/src/app.ts": `import { core } from "@acme/core";\nexport const app = core;\n` });
    const { code, verdict } = await checkJson(repo.dir, "--all", "--head", repo.commit("web uses core"));
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: "boundary", from: "web", to: "core", file: "packages/web/src/app.ts" }),
    ]);
    expect(code).toBe(1);
  });

  it("on packages nested in a folder that is a package too: none is shadowed, and validate has nothing to say", async () => {
    const repo = createRepo();
    repo.write({
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*", "integration-tests/**"] }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "src/index.ts" }),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      "integration-tests/package.json": JSON.stringify({ name: "integration-tests" }),
      "integration-tests/harness.ts": `import { core } from "@acme/core";\nexport const run = core;\n`,
      "integration-tests/app-a/package.json": JSON.stringify({ name: "@it/app-a" }),
      "integration-tests/app-a/index.ts": `import { run } from "integration-tests/harness";\nexport const a = run;\n`,
      "integration-tests/suites/app-b/package.json": JSON.stringify({ name: "@it/app-b" }),
      "integration-tests/suites/app-b/index.ts": `import { a } from "@it/app-a";\nexport const b = a;\n`,
    });
    repo.commit("nested packages");
    expect((await maestro(repo.dir, "init")).code).toBe(0);
    const text = readFileSync(join(repo.dir, ".github/maestro.yml"), "utf8");
    expect(text).toMatch(
      / {2}- name: app-a\n.*\n {4}paths: \["integration-tests\/app-a\/\*\*"\]\n {4}may_use: \["integration-tests"\]/,
    );
    expect(text).toMatch(
      / {2}- name: app-b\n.*\n {4}paths: \["integration-tests\/suites\/app-b\/\*\*"\]\n {4}may_use: \["app-a"\]/,
    );
    expect(text).toMatch(
      / {2}- name: integration-tests\n.*\n {4}paths: \["integration-tests\/\*\*"\]\n {4}may_use: \["core"\]/,
    );
    expect(await maestro(repo.dir, "validate")).toEqual({
      code: 0,
      stdout: ".github/maestro.yml: valid score (4 modules)\n",
      stderr: "",
    });
    repo.commit("score");
    const { code, verdict } = await checkJson(repo.dir, "--all");
    expect(verdict).toMatchObject({ verdict: "pass", violations: [], notes: [] });
    expect(code).toBe(0);
  });

  it("never overwrites a score without --force; --stdout prints instead", async () => {
    const repo = createRepo();
    repo.write({ ".github/maestro.yml": "version: 1\n", "src/a/x.ts": "export const x = 1;\n" });
    const refused = await maestro(repo.dir, "init");
    expect(refused).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(".github/maestro.yml already exists: pass --force"),
    });
    expect(readFileSync(join(repo.dir, ".github/maestro.yml"), "utf8")).toBe("version: 1\n");
    expect((await maestro(repo.dir, "init", "--stdout")).stdout).toContain("  - name: a\n");
    expect((await maestro(repo.dir, "init", "--force")).code).toBe(0);
    expect(readFileSync(join(repo.dir, ".github/maestro.yml"), "utf8")).toContain("  - name: a\n");
  });
});
