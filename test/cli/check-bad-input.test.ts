import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkJson, LAYERED_SCORE, layeredRepo, maestro } from "../helpers/git-repo.js";

describe("maestro check: bad input gets a clear message and nothing else breaks", () => {
  it.each([
    ["not YAML", "version: 1\nmodules: [\n", /\.github\/maestro\.yml:\d+:\d+: YAML syntax: /],
    ["empty", "", /\.github\/maestro\.yml:1:1: the score is empty/],
    [
      "wrong types",
      "version: 1\nmodules: yes\n",
      /\.github\/maestro\.yml:2:10: modules: Invalid input: expected array/,
    ],
  ])("a score that is %s exits 2 naming the file, line and column", async (_, score, message) => {
    const repo = layeredRepo({ ".github/maestro.yml": score });
    repo.write({ "src/app/x.ts": "export const x = 1;\n" });
    repo.commit();
    const run = await maestro(repo.dir, "check");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("Invalid score");
    expect(run.stdout).toBe("");
  });

  it("regression: --score /absolute/path.yml is read (it was joined to the current directory and refused)", async () => {
    const repo = layeredRepo();
    repo.write({ "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const MAX = load;\n` });
    repo.commit();
    const elsewhere = mkdtempSync(join(tmpdir(), "maestro-score-"));
    const loose = join(elsewhere, "loose.yml");
    writeFileSync(loose, `version: 1\nmodules:\n  - name: all\n    paths: ["src/**"]\n`);
    const { code, verdict } = await checkJson(repo.dir, "--score", loose);
    expect(verdict.violations).toEqual([]);
    expect(code).toBe(0);

    writeFileSync(loose, `version: 1\nmodules:\n  - name: all\n    paths: ["/src/**"]\n`);
    const invalid = await maestro(repo.dir, "check", "--score", loose);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`${loose}:4:13: modules[0].paths[0]: "/src/**" is absolute`);
  });

  it("--score FILE is relative to the current directory, and a missing one says why", async () => {
    const repo = layeredRepo();
    const here = mkdtempSync(join(tmpdir(), "maestro-cwd-"));
    mkdirSync(join(here, "scores"));
    writeFileSync(join(here, "scores", "broken.yml"), "version: 1\nmodules: [\n");
    const run = await maestro(here, "check", "--repo", repo.dir, "--score", "scores/broken.yml");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("scores/broken.yml:2:10: YAML syntax: this [ is never closed");
    expect(await maestro(here, "check", "--repo", repo.dir, "--score", "scores/none.yml")).toMatchObject({
      code: 2,
      stderr: "maestro check: cannot read the score file scores/none.yml: no such file\n",
    });
  });

  it("regression: a YAML alias bomb in the score exits 2 as an invalid score at its line, in check and in validate", async () => {
    const bomb = `version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n${"bcdefghij"
      .split("")
      .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefghij"[i]}`).join(", ")}]`)
      .join("\n")}\n`;
    const repo = layeredRepo({ ".github/maestro.yml": bomb });
    repo.write({ "src/app/x.ts": "export const x = 1;\n" });
    repo.commit();
    const check = await maestro(repo.dir, "check");
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(
      /^\.github\/maestro\.yml:7:\d+: this alias brings the score to more than 200,000 values/,
    );
    expect(check.stderr).toContain("Invalid score");
    const validate = await maestro(repo.dir, "validate");
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/^\.github\/maestro\.yml:7:\d+: this alias brings the score/);
  });

  it("regression: a many-star glob in the score is refused by validate with the limit", async () => {
    const repo = layeredRepo();
    repo.write({ "strict.yml": `version: 1\nmodules:\n  - name: a\n    paths: ["**/*a*a*a*a*a*a*b.ts"]\n` });
    const run = await maestro(repo.dir, "validate", "strict.yml");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'strict.yml:4:13: modules[0].paths[0]: "**/*a*a*a*a*a*a*b.ts" has 7 "*" in "*a*a*a*a*a*a*b.ts": one folder or file name may have at most 2',
    );
  });

  it("a committed score that is binary is an invalid score, never a reason to judge by the working tree's copy", async () => {
    const repo = layeredRepo();
    repo.write({ ".github/maestro.yml": Buffer.from([0x76, 0x65, 0x72, 0, 0x31]) });
    repo.commit();
    repo.write({ ".github/maestro.yml": "version: 1\n" });
    const run = await maestro(repo.dir, "check", "--all");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(".github/maestro.yml:1:1: the score is a binary file, not YAML");
  });

  it("regression: a path too long for most globs is named unjudged, since the score's globs may not reach it", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `${LAYERED_SCORE}protected:\n  - paths: ["**/migrations/**"]\n`,
    });
    const deep = `src/app/migrations/${Array.from({ length: 5 }, (_, i) => String(i).repeat(250)).join("/")}/001.ts`;
    repo.write({ [deep]: "export const up = 1;\n" });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.notes).toEqual([
      expect.objectContaining({
        file: deep,
        unjudged: true,
        message: expect.stringContaining("is too long to match: Maestro matches paths over 1024 characters"),
      }),
    ]);
    expect(code).toBe(1);
  });

  it("judges by the base's score: a change that loosens the score is still judged by the old one", async () => {
    const repo = layeredRepo();
    repo.write({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n`,
      "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const MAX = load;\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map((v) => v.rule)).toContain("boundary");
    expect(verdict.verdict).toBe("block");
  });

  it("a repository with no score exits 2 and says how to add one", async () => {
    const repo = layeredRepo({ ".github/maestro.yml": "" });
    repo.write({ ".github/maestro.yml": null });
    repo.git("rm", "-q", "--cached", ".github/maestro.yml");
    repo.git("commit", "-q", "--amend", "-m", "base");
    const run = await maestro(repo.dir, "check", "--all");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no score: .*maestro init.*--score FILE/);
  });

  it("refs that do not exist exit 2 with a message, not a stack trace", async () => {
    const repo = layeredRepo();
    for (const args of [
      ["--base", "no-such-branch"],
      ["--head", "deadbeef"],
    ]) {
      const run = await maestro(repo.dir, "check", ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^maestro check: --(base|head) "(no-such-branch|deadbeef)" is not a commit in /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a folder that is not a git repository, an unknown flag and an unknown format exit 2", async () => {
    const plain = mkdtempSync(join(tmpdir(), "maestro-plain-"));
    expect(await maestro(plain, "check")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("is not a git repository"),
    });
    const repo = layeredRepo();
    expect(await maestro(repo.dir, "check", "--frobnicate")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--frobnicate"),
    });
    expect(await maestro(repo.dir, "check", "--format", "xml")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--format must be one of text, json, markdown, sarif"),
    });
    expect(await maestro(repo.dir, "launch")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "launch"'),
    });
  });

  it("a source file that does not parse is still read as far as it goes, with a note", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const = = ;\nimport "pg";\n`,
      // broken below its last import: the changed file is parsed whole, not only where its imports are
      "src/app/late.ts": `import { load } from "../infra/db";\nexport const late = load;\nfunction (\n`,
    });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map((v) => `${v.rule}:${v.line}`)).toEqual(
      expect.arrayContaining(["boundary:1", "forbidden-package:3"]),
    );
    expect(verdict.notes).toContainEqual(
      expect.objectContaining({ file: "src/domain/rules.ts", message: expect.stringContaining("does not parse") }),
    );
    expect(verdict.notes).toContainEqual(
      expect.objectContaining({
        file: "src/app/late.ts",
        message: expect.stringMatching(/^src\/app\/late\.ts:3 does not parse/),
      }),
    );
  });

  it("a 5 MB source file is judged; a file over the parse limit needs a conductor", async () => {
    const repo = layeredRepo();
    const big = Array.from({ length: 200_000 }, (_, i) => `export const v${i} = ${i};`).join("\n");
    expect(big.length).toBeGreaterThan(5_000_000);
    const huge = "// padding\n".repeat(800_000);
    repo.write({
      "src/domain/big.ts": `import "../infra/db";\n${big}\n`,
      "src/domain/huge.ts": `import "../infra/db";\n${huge}`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toContainEqual(
      expect.objectContaining({ rule: "boundary", file: "src/domain/big.ts", line: 1 }),
    );
    expect(verdict.notes).toContainEqual(
      expect.objectContaining({
        file: "src/domain/huge.ts",
        unjudged: true,
        message: expect.stringContaining("too large to parse"),
      }),
    );
    expect(code).toBe(1);
  });

  it("a binary file with a .ts name is not parsed: a conductor must look at it", async () => {
    const repo = layeredRepo();
    repo.write({ "src/app/blob.ts": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]) });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.notes).toEqual([
      expect.objectContaining({
        file: "src/app/blob.ts",
        unjudged: true,
        message: "src/app/blob.ts is binary, not source: its imports were not checked",
      }),
    ]);
    expect(verdict.reasons[0]).toMatch(/1 changed file could not be judged/);
    expect(code).toBe(1);
  });

  it("file names with spaces and non-ASCII characters are reported as they are", async () => {
    const repo = layeredRepo();
    repo.write({
      "src/domain/my file ü.ts": `import "../infra/db";\n`,
      "src/infra/dätä base.ts": "export const d = 1;\n",
    });
    repo.commit();
    repo.write({ "src/domain/my file ü.ts": `import "../infra/dätä base";\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir, "--base", "main");
    expect(verdict.violations.filter((v) => v.rule === "boundary")).toEqual([
      expect.objectContaining({ file: "src/domain/my file ü.ts", specifier: "../infra/dätä base", introduced: true }),
    ]);
  });

  it("a symlink with a source name is not followed or judged", async () => {
    const repo = layeredRepo();
    repo.write({ "src/domain/link.ts": { link: "../infra/db.ts" } });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([]);
    expect(verdict.notes).toEqual([
      expect.objectContaining({ file: "src/domain/link.ts", message: expect.stringContaining("not a regular file") }),
    ]);
    expect(code).toBe(0);
  });

  it("a change of 3,000 files is judged whole", async () => {
    const repo = layeredRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++)
      files[`src/app/gen/f${i}.ts`] = `import { load } from "../../infra/db";\nexport const f${i} = load;\n`;
    files["src/domain/gen.ts"] = `import "../app/gen/f1";\n`;
    repo.write(files);
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.violations.map((v) => `${v.rule} ${v.file}`)).toEqual([
      "boundary src/domain/gen.ts",
      "cycle src/domain/gen.ts",
    ]);
  });
});
