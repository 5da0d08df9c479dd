import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Verdict } from "../../src/decide/verdict.js";
import { checkJson, layeredRepo, maestro, type TestRepo } from "../helpers/git-repo.js";
import { githubToken } from "../helpers/github-token.js";

const signal = (verdict: Verdict, id: string) => verdict.risk.signals.find((s) => s.id === id);
const notesOf = (verdict: Verdict, file: string) => verdict.notes.filter((n) => n.file === file);
const withTest = { "test/app.test.ts": `test("app", () => expect(1).toBe(1));\n` };
const ghToken = githubToken("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5");

/** Deletes a blob from the repository's object store, as a broken clone or a lost pack would. */
function loseBlob(repo: TestRepo, rev: string): string {
  const sha = repo.git("rev-parse", rev);
  rmSync(join(repo.dir, ".git", "objects", sha.slice(0, 2), sha.slice(2)));
  return sha;
}

describe("a file changing type does not hide the rest of the change", () => {
  it("a file that becomes a symlink does not hide another file's @ts-ignore, secret or deleted assertion", async () => {
    const repo = layeredRepo({ "test/rules.test.ts": `test("max", () => {\n  expect(MAX).toBe(3);\n});\n` });
    repo.write({ "src/domain/rules.ts": null, "test/rules.test.ts": null });
    repo.write({
      "src/domain/rules.ts": { link: "index.ts" },
      "test/rules.test.ts": { link: "../src/domain/index.ts" },
      "src/app/main.ts": `import { load } from "../infra/db";\n// @ts-ignore\nexport const run = () => load();\nexport const token = "${ghToken}";\n`,
    });
    repo.commit("head");
    expect(repo.git("diff", "--raw", "main", "HEAD")).toMatch(/ T\tsrc\/domain\/rules\.ts/);

    const { code, verdict } = await checkJson(repo.dir);
    expect(signal(verdict, "suppressions")).toMatchObject({ file: "src/app/main.ts", line: 2 });
    expect(signal(verdict, "secrets")).toMatchObject({ file: "src/app/main.ts", line: 4 });
    // The test file that became a symlink lost its assertion: its own patch is read too.
    expect(signal(verdict, "tests-weakened")?.detail).toContain("test/rules.test.ts");
    expect(verdict.notes.filter((n) => n.unjudged)).toEqual([]);
    expect(verdict.verdict).toBe("block");
    expect(code).toBe(1);
  });

  it("patches are paired by path when git quotes a file's name (a double quote, a backslash, a tab)", async () => {
    const repo = layeredRepo();
    repo.write({
      'src/app/say "hi"\\now\t.ts': "// @ts-ignore\nexport const hi = 1;\n",
      "src/app/plain file.ts": "// @ts-ignore\nexport const p = 1;\n",
      ...withTest,
    });
    repo.commit("head");
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.notes).toEqual([]);
    expect(signal(verdict, "suppressions")?.detail).toBe(
      '2 suppressions added: src/app/plain file.ts:1 (@ts-ignore), src/app/say "hi"\\now\t.ts:1 (@ts-ignore)',
    );
  });
});

describe("a blob git cannot read does not fail the whole check", () => {
  it("one unreadable blob: the rest is judged, and that file is named unjudged", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/infra/db.ts": `import { makeUser } from "../domain/index";\nexport const load = () => makeUser("2");\n`,
      "src/app/main.ts": `import { load } from "../infra/db";\n// @ts-ignore\nexport const run = () => load();\n`,
      ...withTest,
    });
    repo.commit("head");
    const lost = loseBlob(repo, "HEAD:src/infra/db.ts");

    const run = await maestro(repo.dir, "check", "--format", "json");
    expect(run.stderr).not.toContain("git diff failed");
    expect(run.code).toBe(1);
    const verdict = JSON.parse(run.stdout) as Verdict;
    expect(signal(verdict, "suppressions")).toMatchObject({ file: "src/app/main.ts", line: 2 });
    // One note for the file, saying what both analyses could not do.
    expect(notesOf(verdict, "src/infra/db.ts")).toEqual([
      {
        file: "src/infra/db.ts",
        unjudged: true,
        message: `src/infra/db.ts could not be read: its imports were not checked; src/infra/db.ts: its diff could not be read (git cannot read blob ${lost}: it is missing from the object store): not judged for risk`,
      },
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toContain("1 changed file could not be judged: a conductor must look (src/infra/db.ts)");
  });

  it("an unreadable blob of a renamed file: renames are given up, nothing else", async () => {
    const body = Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i};`).join("\n");
    const repo = layeredRepo({ "src/app/old-name.ts": `${body}\n` });
    repo.git("mv", "src/app/old-name.ts", "src/app/new-name.ts");
    repo.write({
      "src/app/new-name.ts": `${body}\nexport const more = 1;\n`,
      "src/app/main.ts": `// @ts-ignore\nexport const run = 1;\n`,
      ...withTest,
    });
    repo.commit("head");
    loseBlob(repo, "HEAD:src/app/new-name.ts");

    const { code, verdict } = await checkJson(repo.dir);
    expect(signal(verdict, "suppressions")).toMatchObject({ file: "src/app/main.ts", line: 1 });
    expect(notesOf(verdict, "src/app/new-name.ts")).toEqual([
      expect.objectContaining({ unjudged: true, message: expect.stringContaining("missing from the object store") }),
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(code).toBe(1);
  });
});

describe("imports that resolve to nothing are said", () => {
  const score = `version: 1
ignore: ["test/**"]
modules:
  - name: app
    paths: ["src/index.ts", "src/app/**"]
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
`;

  it('a ".." import is resolved, so it cannot cross a boundary unseen', async () => {
    const repo = layeredRepo({ ".github/maestro.yml": score, "src/index.ts": "export const app = 1;\n" });
    repo.write({ "src/domain/leak.ts": `import { app } from "..";\nexport const l = app;\n`, ...withTest });
    repo.commit("head");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({
        rule: "boundary",
        file: "src/domain/leak.ts",
        specifier: "..",
        to: "app",
        introduced: true,
      }),
    ]);
    expect(verdict.verdict).toBe("block");
    expect(code).toBe(1);
  });

  it("an unresolved relative import needs a conductor, never silence", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/domain/x.ts": `import { gone } from "../infra/gone";\nimport "./missing.css";\nexport const x = gone;\n`,
      ...withTest,
    });
    repo.commit("head");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.notes).toEqual([
      {
        file: "src/domain/x.ts",
        unjudged: true,
        message:
          'src/domain/x.ts: "../infra/gone" (line 1), "./missing.css" (line 2) lead to no file in the repository: where they lead was not judged',
      },
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(code).toBe(1);
  });
});

describe("a broken resolution config is said in the verdict", () => {
  const aliases = JSON.stringify(
    { compilerOptions: { baseUrl: ".", paths: { "@infra/*": ["src/infra/*"] } } },
    null,
    2,
  );

  it("a tsconfig.json broken by the change: the aliased import is not taken for a package", async () => {
    const repo = layeredRepo({ "tsconfig.json": aliases });
    repo.write({
      "tsconfig.json": aliases.replace('"baseUrl": ".",', '"baseUrl": "."'),
      "src/domain/x.ts": `import { load } from "@infra/db";\nexport const x = load;\n`,
      ...withTest,
    });
    repo.commit("head");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.notes).toEqual([
      expect.objectContaining({
        file: "tsconfig.json",
        unjudged: true,
        message: expect.stringMatching(/^tsconfig\.json does not parse \(',' expected at tsconfig\.json:4:5\)/),
      }),
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(code).toBe(1);
  });

  it("a tsconfig.json whose `extends` is gone", async () => {
    const repo = layeredRepo({
      "tsconfig.base.json": aliases,
      "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json" }),
    });
    repo.write({
      "tsconfig.base.json": null,
      "src/domain/x.ts": `import { load } from "@infra/db";\nexport const x = load;\n`,
      ...withTest,
    });
    repo.commit("head");
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.notes).toEqual([
      expect.objectContaining({
        file: "tsconfig.json",
        unjudged: true,
        message: expect.stringContaining("Cannot read file 'tsconfig.base.json'"),
      }),
    ]);
    expect(verdict.verdict).toBe("conductor");
  });

  it("a pnpm-workspace.yaml that does not parse: the workspace import is not taken for a package", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nignore: ["test/**"]\nmodules:\n  - name: web\n    paths: ["apps/web/**"]\n    may_use: []\n  - name: shared\n    paths: ["packages/shared/**"]\n`,
      "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n",
      "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", main: "index.ts" }),
      "packages/shared/index.ts": "export const s = 1;\n",
    });
    repo.write({
      "pnpm-workspace.yaml": "packages:\n  - ['packages/*'\n",
      "apps/web/page.ts": `import { s } from "@acme/shared";\nexport const p = s;\n`,
      ...withTest,
    });
    repo.commit("head");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([]);
    expect(verdict.notes).toEqual([
      expect.objectContaining({
        file: "pnpm-workspace.yaml",
        unjudged: true,
        message: expect.stringMatching(/^pnpm-workspace\.yaml does not parse/),
      }),
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(code).toBe(1);
  });
});
