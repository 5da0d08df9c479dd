import { checkJson, createRepo, layeredRepo } from "../helpers/git-repo.js";

const brief = (v: {
  rule: string;
  file: string;
  line: number;
  from: string | null;
  to: string | null;
  introduced: boolean;
  severity: string;
}) => `${v.rule} ${v.file}:${v.line} ${v.from}->${v.to}${v.introduced ? "" : " (existing)"} ${v.severity}`;

describe("maestro check: one scenario per rule", () => {
  it("passes a clean change and exits 0", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/app/extra.ts": `import { makeUser } from "../domain/index";\nexport const y = makeUser;\n`,
      "test/extra.test.ts": `import { y } from "../src/app/extra";\ntest("y", () => expect(y).toBeDefined());\n`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict).toMatchObject({ verdict: "pass", violations: [], risk: { score: 0, level: "low", signals: [] } });
    expect(code).toBe(0);
  });

  it("boundary: a module importing one outside its may_use blocks, with what is allowed instead", async () => {
    const repo = layeredRepo();
    repo.write({ "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const MAX = load();\n` });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(code).toBe(1);
    expect(verdict.verdict).toBe("block");
    expect(verdict.violations.filter((v) => v.rule === "boundary")).toEqual([
      {
        rule: "boundary",
        severity: "error",
        file: "src/domain/rules.ts",
        line: 1,
        column: 22,
        from: "domain",
        to: "infra",
        specifier: "../infra/db",
        message: 'domain may not use infra; it may use no other module: "../infra/db" imports src/infra/db.ts',
        introduced: true,
      },
    ]);
    expect(verdict.reasons).toContain("1 new boundary violation");
  });

  it("boundary: may_not_use denies a module when may_use is omitted", async () => {
    const repo = createRepo();
    repo.write({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: ui\n    paths: ["ui/**"]\n    may_not_use: [db]\n  - name: db\n    paths: ["db/**"]\n  - name: lib\n    paths: ["lib/**"]\n`,
      "db/x.ts": "export const x = 1;\n",
      "lib/y.ts": "export const y = 1;\n",
      "ui/a.ts": "export const a = 1;\n",
    });
    repo.commit("base");
    repo.write({ "ui/a.ts": `import { x } from "../db/x";\nimport { y } from "../lib/y";\nexport const a = x + y;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir, "--base", "HEAD~1");
    expect(verdict.violations.map(brief)).toEqual(["boundary ui/a.ts:1 ui->db error"]);
    expect(verdict.violations[0]?.message).toContain("ui must not use db (may_not_use)");
  });

  it("public-api: importing another module's internals blocks; its public file passes", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/app/main.ts": `import { load } from "../infra/db";\nimport { MAX } from "../domain/rules";\nimport { makeUser } from "../domain/index";\nexport const run = () => [load(), MAX, makeUser];\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["public-api src/app/main.ts:2 app->domain error"]);
    expect(verdict.violations[0]?.message).toContain("import it through src/domain/index.ts");
  });

  it("forbidden-package: a banned package, a subpath of it, and node:fs written as fs", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/domain/rules.ts": `import fp from "lodash/fp";\nimport { readFileSync } from "fs";\nimport { Pool } from "pg";\nimport lodashy from "lodashy";\nexport const MAX = 3;\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map((v) => `${v.line} ${v.to} ${v.specifier}`)).toEqual([
      "1 lodash lodash/fp",
      "2 fs fs",
      "3 pg pg",
    ]);
    expect(verdict.violations.every((v) => v.rule === "forbidden-package" && v.from === "domain")).toBe(true);
  });

  it("cycle: a change that closes a module cycle blocks, naming the cycle", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n  - name: infra\n    paths: ["src/infra/**"]\n  - name: app\n    paths: ["src/app/**"]\n`,
    });
    repo.write({ "src/domain/rules.ts": `import { run } from "../app/main";\nexport const MAX = run;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["cycle src/domain/rules.ts:1 domain->app error"]);
    expect(verdict.violations[0]?.message).toMatch(/^cycle domain → app → infra → domain:/);
  });

  it("unmapped: a new source file in no module warns without blocking", async () => {
    const repo = layeredRepo();
    repo.write({ "scripts/tool.ts": `export const t = 1;\n`, "README.md": "docs\n" });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["unmapped scripts/tool.ts:1 null->null warn"]);
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });

  it("ignore: files matching ignore are never judged", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nignore: ["**/*.test.ts"]\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: infra\n    paths: ["src/infra/**"]\n`,
    });
    repo.write({ "src/domain/rules.test.ts": `import { load } from "../infra/db";\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([]);
  });

  it("every import form counts as an edge", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/domain/rules.ts": [
        `export * from "../infra/db";`,
        `import db = require("../infra/db");`,
        `const later = import("../infra/db");`,
        `const cjs = require("../infra/db");`,
        `import type { X } from "../app/main";`,
        `export const MAX = 3;`,
      ].join("\n"),
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.filter((v) => v.rule === "boundary").map((v) => `${v.line}:${v.to}`)).toEqual([
      "1:infra",
      "2:infra",
      "3:infra",
      "4:infra",
      "5:app",
    ]);
  });

  it("type_imports: ignore leaves `import type` edges unjudged", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nrules:\n  type_imports: ignore\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: app\n    paths: ["src/app/**"]\n`,
    });
    repo.write({
      "src/domain/rules.ts": `import type { run } from "../app/main";\nimport { type run as r } from "../app/main";\nexport const MAX = 3;\n`,
    });
    repo.commit();
    expect((await checkJson(repo.dir)).verdict.violations).toEqual([]);
  });

  it("a rule set to warn annotates without blocking; off reports nothing", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nrules:\n  boundary: warn\n  forbidden_package: "off"\n  cycles: off\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n    forbid_packages: [pg]\n  - name: infra\n    paths: ["src/infra/**"]\n`,
    });
    repo.write({ "src/domain/rules.ts": `import "../infra/db";\nimport "pg";\nexport const MAX = 3;\n` });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["boundary src/domain/rules.ts:1 domain->infra warn"]);
    expect(code).toBe(0);
  });

  it("resolves tsconfig paths, workspace packages and a tsconfig per package", async () => {
    const repo = createRepo();
    repo.write({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: shared\n    paths: ["packages/shared/**"]\n    may_use: []\n  - name: web\n    paths: ["packages/web/**"]\n    may_use: [shared]\n  - name: api\n    paths: ["packages/api/**"]\n    may_use: [shared]\n`,
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }),
      "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", main: "src/index.ts" }),
      "packages/shared/src/index.ts": "export const s = 1;\n",
      "packages/api/package.json": JSON.stringify({ name: "@acme/api", main: "src/index.ts" }),
      "packages/api/src/index.ts": "export const api = 1;\n",
      "packages/web/package.json": JSON.stringify({ name: "@acme/web" }),
      "packages/web/tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["src/*"] } } }),
      "packages/web/src/util.ts": "export const u = 1;\n",
      "packages/web/src/page.ts": `import { s } from "@acme/shared";\nimport { u } from "@/util";\nexport const p = s + u;\n`,
    });
    repo.commit("base");
    repo.write({
      "packages/web/src/page.ts": `import { s } from "@acme/shared";\nimport { u } from "@/util";\nimport { api } from "@acme/api";\nexport const p = s + u + api;\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir, "--base", "HEAD~1");
    expect(verdict.violations.map(brief)).toEqual(["boundary packages/web/src/page.ts:3 web->api error"]);
  });
});
