import type { Verdict } from "../../src/decide/verdict.js";
import { checkJson, layeredRepo, type TestRepo } from "../helpers/git-repo.js";
import { githubToken } from "../helpers/github-token.js";

async function signalsAfter(repo: TestRepo, head: Record<string, string | Buffer | null>) {
  repo.write(head);
  repo.commit("head");
  return checkJson(repo.dir);
}

const ids = (verdict: Verdict) => verdict.risk.signals.map((s) => s.id);
const signal = (verdict: Verdict, id: string) => verdict.risk.signals.find((s) => s.id === id);
const lines = (n: number, make: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => make(i)).join("\n") + "\n";
const withTest = { "test/app.test.ts": `test("app", () => expect(1).toBe(1));\n` };

describe("risk signals, from the CLI's JSON", () => {
  it("size and breadth: lines changed on a log scale, and modules touched", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), {
      ...withTest,
      "src/app/big.ts": lines(600, (i) => `export const a${i} = ${i};`),
      "src/infra/more.ts": lines(10, (i) => `export const b${i} = ${i};`),
    });
    expect(signal(verdict, "size")).toEqual({ id: "size", points: 27, detail: "610 lines changed in 2 files" });
    // Breadth's fitted 2 points: two modules are a fifth of them, which rounds to nothing.
    expect(signal(verdict, "breadth")).toBeUndefined();
  });

  it("protected: a protected path needs a conductor, with the score's reason", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nprotected:\n  - paths: [".github/workflows/**", "migrations/**"]\n    reason: CI and schema changes need a human\nmodules:\n  - name: app\n    paths: ["src/**"]\n`,
    });
    const { code, verdict } = await signalsAfter(repo, { ".github/workflows/ci.yml": "on: push\n" });
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toEqual([
      "touches protected path .github/workflows/ci.yml: CI and schema changes need a human",
    ]);
    // The workflow is protected: weighed once, by protected, not again by ci-infra.
    expect(ids(verdict)).toEqual(["protected"]);
    expect(code).toBe(1);
  });

  it("score-changed: a PR that edits the score needs a conductor even if it only loosens it", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), { ".github/maestro.yml": `version: 1\nmodules: []\n` });
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons[0]).toMatch(/^changes the score \.github\/maestro\.yml: a conductor must agree/);
    expect(signal(verdict, "score-changed")).toMatchObject({ points: 30, file: ".github/maestro.yml" });
  });

  it("dependencies: new and upgraded npm packages with their line, other manifests, and a lockfile alone", async () => {
    const repo = layeredRepo({
      "package.json": JSON.stringify({ dependencies: { zod: "^3.0.0" } }, null, 2),
      "go.sum": "a\n",
    });
    const { verdict } = await signalsAfter(repo, {
      "package.json": JSON.stringify({ dependencies: { zod: "^4.0.0", "left-pad": "1.3.0" } }, null, 2),
      "requirements.txt": "requests==2.31.0\n# a comment\n",
      "go.sum": "b\n",
    });
    const deps = signal(verdict, "dependencies");
    expect(deps?.detail).toBe(
      "4 dependency changes: go.sum (lockfile changed without go.mod), package.json:3 (zod ^3.0.0 → ^4.0.0), package.json:4 (new left-pad@1.3.0) and 1 more",
    );
    expect(deps?.points).toBe(19);
  });

  it("dependencies: a package.json that is not JSON is a note in the signal, not a crash; a deleted manifest is nothing", async () => {
    const repo = layeredRepo({ "package.json": "{}\n", "tools/package.json": "{}\n" });
    const { verdict } = await signalsAfter(repo, { "package.json": "{ not json", "tools/package.json": null });
    expect(signal(verdict, "dependencies")?.detail).toBe(
      "1 dependency change: package.json (not valid JSON: its dependencies could not be compared)",
    );
  });

  it("untested: a module gaining 20 lines of logic with no test changed; a tiny edit, or one with a test, is not", async () => {
    const logic = lines(20, (i) => `export const x${i} = load(${i});`);
    const { verdict } = await signalsAfter(layeredRepo(), { "src/app/x.ts": logic });
    expect(signal(verdict, "untested")).toEqual({
      id: "untested",
      points: 7,
      detail: "20 lines of logic added with no test changed in the same module: src/app/x.ts (+20 lines of logic)",
      file: "src/app/x.ts",
    });
    const tiny = await signalsAfter(layeredRepo(), { "src/app/x.ts": "export const x = 1;\n" });
    expect(ids(tiny.verdict)).toEqual([]);
    const clean = await signalsAfter(layeredRepo(), { "src/app/x.ts": logic, ...withTest });
    expect(ids(clean.verdict)).toEqual([]);
  });

  it("tests-weakened: deleted test files, .skip/.only/xit, and removed assertions", async () => {
    const repo = layeredRepo({
      "test/a.test.ts": `test("a", () => {\n  expect(1).toBe(1);\n  expect(2).toBe(2);\n});\n`,
      "test/b.test.ts": `test("b", () => expect(1).toBe(1));\n`,
    });
    const { verdict } = await signalsAfter(repo, {
      "test/a.test.ts": `test.only("a", () => {\n  expect(1).toBe(1);\n});\nxit("later", () => {});\n`,
      "test/b.test.ts": null,
    });
    expect(signal(verdict, "tests-weakened")?.detail).toBe(
      "tests weakened: test/a.test.ts:1 (focuses tests), test/a.test.ts:4 (skips tests), test/a.test.ts:3 (1 assertion removed) and 1 more",
    );
    expect(signal(verdict, "tests-weakened")?.points).toBe(22);
  });

  it("tests-weakened: a removed assertion is shown at the head line where it was, not at its base line number (which may hold a surviving assertion)", async () => {
    const repo = layeredRepo({
      "test/a.test.ts": `test("a", () => {\n  expect(1).toBe(1);\n  expect(2).toBe(2);\n  expect(3).toBe(3);\n});\n`,
      "test/z.test.ts": `test("z", () => {});\nexpect(9).toBe(9);\n`,
    });
    const { verdict } = await signalsAfter(repo, {
      // A line added above moves everything down: base line 4 is now `expect(2)`, which survived.
      "test/a.test.ts": `test("a", () => {\n  const ready = true;\n  expect(1).toBe(1);\n  expect(2).toBe(2);\n});\n`,
      // Removed at the very end: the head's last line is the nearest.
      "test/z.test.ts": `test("z", () => {});\n`,
    });
    expect(signal(verdict, "tests-weakened")).toMatchObject({
      detail: "tests weakened: test/a.test.ts:5 (1 assertion removed), test/z.test.ts:1 (1 assertion removed)",
      file: "test/a.test.ts",
      line: 5,
    });
  });

  it("suppressions: @ts-ignore, @ts-expect-error, eslint-disable, as any, # type: ignore, nolint", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), {
      ...withTest,
      "src/app/x.ts": `// @ts-ignore\nconst a = 1;\n// @ts-expect-error\nconst b = 2;\n/* eslint-disable */\nexport const c = (a as any) + b;\n`,
      "tools/x.py": "import os  # type: ignore\n",
      "tools/x.go": "x := 1 //nolint\n",
    });
    expect(signal(verdict, "suppressions")).toMatchObject({ points: 10, file: "src/app/x.ts", line: 1 });
    expect(signal(verdict, "suppressions")?.detail).toMatch(
      /^6 suppressions added: src\/app\/x\.ts:1 \(@ts-ignore\), src\/app\/x\.ts:3 \(@ts-expect-error\), src\/app\/x\.ts:5 \(eslint-disable\) and 3 more$/,
    );
  });

  it("secrets: real key formats block, high-entropy assignments are suspicious, and the evidence never prints them", async () => {
    const aws = "AKIA" + "Q3T7W2ZLRX5MB6KP";
    const awsSecret = "kT9vQ2mZx7LpR4wN" + "8cY3bH6jF1sD5gA0uE/qWzXo";
    const gh = githubToken("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5");
    const pem = "q8w2E7r4T9y1U3i6O5p0A8s2D7f4G9h1J3k6L5z0xYv";
    const password = "Zx9#qLm2$Vb7!Rt4Wk";
    const { code, verdict, stderr } = await signalsAfter(layeredRepo(), {
      ...withTest,
      "src/app/config.ts": `export const key = "${aws}", keySecret = "${awsSecret}";\nexport const gh = "${gh}";\nexport const db = { password: "${password}" };\nexport const ok = { password: process.env.DB_PASSWORD, token: "changeme-please" };\n`,
      "deploy/key.pem": `-----BEGIN RSA PRIVATE KEY-----\nMIIE${pem}\n-----END RSA PRIVATE KEY-----\n`,
    });
    const secrets = signal(verdict, "secrets");
    expect(secrets?.detail).toMatch(
      /^3 secrets and 1 suspicious string added: deploy\/key\.pem:1 \(private key\), src\/app\/config\.ts:1 \(AWS access key\), src\/app\/config\.ts:2 \(GitHub token\) and 1 more; rotate it/,
    );
    const everything = JSON.stringify(verdict) + stderr;
    for (const secret of [aws, awsSecret, gh, password, pem]) expect(everything).not.toContain(secret);
    expect(verdict.verdict).toBe("block");
    expect(code).toBe(1);
  });

  it("api-removed: exports removed or changed in a module's public files", async () => {
    const repo = layeredRepo();
    const { verdict } = await signalsAfter(repo, {
      ...withTest,
      "src/domain/index.ts": `export interface User { id: string }\nexport const makeUser = (id: string, name: string): User => ({ id });\nexport function extra(): void {}\n`,
      "src/domain/rules.ts": "export const MAX = 4;\n",
    });
    expect(signal(verdict, "api-removed")).toBeUndefined();
    const changed = await signalsAfter(layeredRepo(), {
      ...withTest,
      "src/domain/index.ts": `export interface User { id: number }\n`,
    });
    expect(signal(changed.verdict, "api-removed")).toMatchObject({
      points: 30,
      detail:
        "2 public exports removed or changed: src/domain/index.ts (User changed), src/domain/index.ts (makeUser removed)",
    });
  });

  it("binary: binary files added", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), {
      ...withTest,
      "assets/logo.png": Buffer.from([0x89, 0x50, 0, 0, 1, 2, 3]),
    });
    expect(signal(verdict, "binary")).toEqual({
      id: "binary",
      points: 5,
      detail: "1 binary file: assets/logo.png (added)",
      file: "assets/logo.png",
    });
  });

  it("ci-infra: workflows, Dockerfiles and IaC", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), {
      ...withTest,
      Dockerfile: "FROM node:20\n",
      "infra/main.tf": 'resource "x" "y" {}\n',
    });
    expect(signal(verdict, "ci-infra")?.detail).toBe(
      "changes CI or infrastructure: Dockerfile (added), infra/main.tf (added)",
    );
  });

  it("risk.weights overrides a signal's points, and 0 turns it off", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nrisk:\n  weights: { untested: 0, suppressions: 50 }\nmodules:\n  - name: app\n    paths: ["src/**"]\n`,
    });
    const { verdict } = await signalsAfter(repo, { "src/x.ts": "// @ts-ignore\nexport const x = 1;\n" });
    expect(verdict.risk.signals).toEqual([expect.objectContaining({ id: "suppressions", points: 10 })]);
  });
});

describe("default points", () => {
  it("a clean 100-line change with tests scores under 20", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), {
      "src/app/feature.ts": lines(90, (i) => `export const f${i} = ${i};`),
      "test/feature.test.ts": lines(10, (i) => `test("f${i}", () => expect(${i}).toBe(${i}));`),
    });
    expect(verdict.risk.score).toBeLessThan(20);
    expect(verdict.verdict).toBe("pass");
  });

  it("a 2,000-line change across six modules with suppressions, no test and a new dependency scores over 60 and needs a conductor", async () => {
    const modules = ["a", "b", "c", "d", "e", "f"];
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nmodules:\n${modules.map((m) => `  - name: ${m}\n    paths: ["src/${m}/**"]\n`).join("")}`,
    });
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ dependencies: { "left-pad": "1.3.0" } }, null, 2),
    };
    for (const m of modules)
      files[`src/${m}/big.ts`] = `// @ts-ignore\n${lines(333, (i) => `export const ${m}${i} = ${i};`)}`;
    const { code, verdict } = await signalsAfter(repo, files);
    expect(verdict.risk.score).toBeGreaterThan(60);
    expect(verdict.risk.level).toBe("medium");
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toContain(`risk ${verdict.risk.score} ≥ review_at 40`);
    expect(code).toBe(1);
  });
});

describe("bad patches", () => {
  it("a huge patch, a binary change and a file without a final newline are read without error", async () => {
    const { verdict } = await signalsAfter(layeredRepo(), {
      ...withTest,
      "src/app/huge.ts": lines(60_000, (i) => `export const h${i} = "${"x".repeat(20)}";`),
      "src/app/no-eol.ts": "// @ts-ignore\nexport const n = 1;",
      "src/app/blob.bin": Buffer.alloc(4096, 0),
    });
    expect(ids(verdict)).toEqual(["size", "suppressions", "binary"]);
    expect(signal(verdict, "suppressions")).toMatchObject({ file: "src/app/no-eol.ts", line: 1 });
  });
});
