import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkJson, layeredRepo } from "../helpers/git-repo.js";

describe("maestro check is diff-aware", () => {
  it("reports a violation that already existed at base as existing, a warning that never blocks", async () => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.write({
      "src/domain/legacy.ts": `// touched by the agent\nimport { load } from "../infra/db";\nexport const legacy = load;\nexport const more = 1;\n`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    const boundary = verdict.violations.filter((v) => v.rule === "boundary");
    expect(boundary).toEqual([
      expect.objectContaining({ file: "src/domain/legacy.ts", line: 2, severity: "warn", introduced: false }),
    ]);
    expect(boundary[0]?.message).toMatch(/already at base: not blocking/);
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });

  it("a new import of a different file of the same forbidden module is new", async () => {
    const repo = layeredRepo({
      "src/infra/cache.ts": "export const cache = 1;\n",
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.write({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nimport { cache } from "../infra/cache";\nexport const legacy = [load, cache];\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.filter((v) => v.rule === "boundary").map((v) => `${v.line} ${v.introduced}`)).toEqual([
      "1 false",
      "2 true",
    ]);
    expect(verdict.verdict).toBe("block");
  });

  it("follows renames: a moved file keeps its existing violations as existing", async () => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.git("mv", "src/domain/legacy.ts", "src/domain/old-code.ts");
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: "boundary", file: "src/domain/old-code.ts", introduced: false }),
      expect.objectContaining({ rule: "cycle", file: "src/domain/old-code.ts", introduced: false }),
    ]);
    expect(verdict.verdict).toBe("pass");
  });

  it("follows renames of the imported file too: the same edge to a moved file is still existing", async () => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.git("mv", "src/infra/db.ts", "src/infra/database.ts");
    repo.write({
      "src/domain/legacy.ts": `import { load } from "../infra/database";\nexport const legacy = load;\n`,
      "src/app/main.ts": `import { load } from "../infra/database";\nexport const run = () => load();\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.filter((v) => v.rule === "boundary")).toEqual([
      expect.objectContaining({ file: "src/domain/legacy.ts", introduced: false }),
    ]);
  });

  it("a file moved into a stricter module brings new violations", async () => {
    const repo = layeredRepo({ "src/app/helper.ts": `import { load } from "../infra/db";\nexport const h = load;\n` });
    repo.git("mv", "src/app/helper.ts", "src/domain/helper.ts");
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: "boundary", from: "domain", to: "infra", introduced: true }),
      expect.objectContaining({ rule: "cycle", from: "domain", to: "infra", introduced: true }),
    ]);
  });

  it("an existing cycle is not blamed on a change that keeps it", async () => {
    const score = `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n  - name: infra\n    paths: ["src/infra/**"]\n  - name: app\n    paths: ["src/app/**"]\n`;
    const repo = layeredRepo({
      ".github/maestro.yml": score,
      "src/domain/back.ts": `import { load } from "../infra/db";\nexport const b = load;\n`,
    });
    repo.write({
      "src/domain/back.ts": `import { load } from "../infra/db";\nexport const b = load;\nexport const c = 2;\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: "cycle", introduced: false, severity: "warn" }),
    ]);
    expect(verdict.verdict).toBe("pass");
  });

  it("removed files are not judged, and removing an import is never a violation", async () => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    repo.write({ "src/domain/legacy.ts": null, "src/app/main.ts": "export const run = () => 1;\n" });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it("--all judges every file with no baseline", async () => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
    });
    const { code, verdict } = await checkJson(repo.dir, "--all");
    expect(verdict.violations.map((v) => `${v.rule} ${v.file} ${v.introduced}`)).toEqual([
      "boundary src/domain/legacy.ts true",
      "cycle src/domain/legacy.ts true",
      "cycle src/infra/db.ts true",
    ]);
    expect(code).toBe(1);
  });

  it("caches the base graph inside .git (not the work tree) and gives the same verdict from it, or from a broken cache", async () => {
    const repo = layeredRepo();
    repo.write({ "src/domain/rules.ts": `import { run } from "../app/main";\nexport const MAX = run;\n` });
    repo.commit();
    const first = await checkJson(repo.dir);
    const cacheFiles = readdirSync(join(repo.dir, ".git", "maestro"));
    expect(cacheFiles.sort()).toEqual([
      expect.stringMatching(/^graph-[0-9a-f]{40}-v\d+(-i[0-9a-f]{16})?\.bin$/),
      expect.stringMatching(/^modules-[0-9a-f]{40}-v\d+(-i[0-9a-f]{16})?-m[0-9a-f]+\.bin$/),
      expect.stringMatching(/^score-[0-9a-f]{64}\.bin$/),
    ]);
    expect(repo.git("status", "--porcelain")).toBe("");
    expect((await checkJson(repo.dir)).verdict).toEqual(first.verdict);
    for (const file of cacheFiles) writeFileSync(join(repo.dir, ".git", "maestro", file), "{ torn write");
    expect((await checkJson(repo.dir)).verdict).toEqual(first.verdict);
  });
});
