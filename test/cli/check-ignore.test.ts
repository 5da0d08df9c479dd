import { checkJson, layeredRepo } from "../helpers/git-repo.js";

/**
 * What `ignore` means for conformance: an ignored file is never judged as a source, but importing
 * one is still an edge. Before, an import *of* an ignored file was never judged, so production
 * code could import a test helper or a fixture unseen.
 */
const brief = (v: { rule: string; file: string; line: number; from: string | null; to: string | null }) =>
  `${v.rule} ${v.file}:${v.line} ${v.from}->${v.to}`;

const HELPER = `export const fakeDb = { rows: [] as string[] };\n`;

describe("maestro check: imports of ignored files", () => {
  it("production code importing a test helper (ignored, in no module) is an unmapped violation at the import", async () => {
    const repo = layeredRepo({ "test/helpers/fake-db.ts": HELPER });
    repo.write({ "src/app/x.ts": `import { fakeDb } from "../../test/helpers/fake-db";\nexport const db = fakeDb;\n` });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      {
        rule: "unmapped",
        severity: "warn",
        file: "src/app/x.ts",
        line: 1,
        column: 24,
        from: "app",
        to: null,
        specifier: "../../test/helpers/fake-db",
        message:
          '"../../test/helpers/fake-db" imports test/helpers/fake-db.ts, which is in ignore and belongs to no module (a test helper, fixture or generated file): app should not depend on it; move what it needs into a module, or add its folder to a module\'s paths',
        introduced: true,
      },
    ]);
    // `unmapped` warns by default: seen, not blocking.
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });

  it("production code importing a fixture blocks where the score makes unmapped an error", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nignore: ["test/**"]\nrules:\n  unmapped: error\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n  - name: infra\n    paths: ["src/infra/**"]\n  - name: app\n    paths: ["src/app/**"]\n`,
      "test/fixtures/orders.json": `[{ "id": 1 }]\n`,
    });
    repo.write({
      "src/infra/db.ts": `import { makeUser } from "../domain/index";\nimport orders from "../../test/fixtures/orders.json";\nexport const load = () => [makeUser("1"), orders];\n`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["unmapped src/infra/db.ts:2 infra->null"]);
    expect(verdict.violations[0]?.severity).toBe("error");
    expect(verdict.reasons).toContain("1 new unmapped violation");
    expect(code).toBe(1);
  });

  it("production code importing an ignored file inside another module's paths is judged by that module's boundary", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nignore: ["**/__tests__/**"]\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: billing\n    paths: ["src/billing/**"]\n`,
      "src/billing/__tests__/fake-ledger.ts": HELPER,
    });
    repo.write({
      "src/domain/rules.ts": `import { fakeDb } from "../billing/__tests__/fake-ledger";\nexport const MAX = fakeDb;\n`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["boundary src/domain/rules.ts:1 domain->billing"]);
    expect(code).toBe(1);
  });

  it("an import of an ignored file in a module is a module edge: it can close a cycle", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nignore: ["**/__tests__/**"]\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n  - name: infra\n    paths: ["src/infra/**"]\n`,
      "src/infra/__tests__/fake-db.ts": HELPER,
    });
    repo.write({
      "src/domain/rules.ts": `import { fakeDb } from "../infra/__tests__/fake-db";\nexport const MAX = fakeDb;\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map(brief)).toEqual(["cycle src/domain/rules.ts:1 domain->infra"]);
  });

  it("a test file importing production code or a test helper is still not judged", async () => {
    const repo = layeredRepo({ "test/helpers/fake-db.ts": HELPER });
    repo.write({
      "test/app.test.ts": `import { run } from "../src/app/main";\nimport { MAX } from "../src/domain/rules";\nimport { fakeDb } from "./helpers/fake-db";\ntest("run", () => expect([run, MAX, fakeDb]).toBeDefined());\n`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it("an import of a test helper already at base is an existing violation, never blocking", async () => {
    const repo = layeredRepo({
      "test/helpers/fake-db.ts": HELPER,
      "src/app/x.ts": `import { fakeDb } from "../../test/helpers/fake-db";\nexport const db = fakeDb;\n`,
    });
    repo.write({
      "src/app/x.ts": `import { fakeDb } from "../../test/helpers/fake-db";\nexport const db = fakeDb;\nexport const more = 1;\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map((v) => [brief(v), v.introduced])).toEqual([
      ["unmapped src/app/x.ts:1 app->null", false],
    ]);
  });
});
