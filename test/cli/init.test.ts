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
