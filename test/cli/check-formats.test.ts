import { layeredRepo, maestro } from "../helpers/git-repo.js";

function blockedRepo() {
  const repo = layeredRepo({ "src/domain/legacy.ts": `import "../infra/db";\n` });
  repo.write({
    "src/domain/rules.ts": `import { run } from "../app/main";\nexport const MAX = run;\n`,
    "src/domain/legacy.ts": `import "../infra/db";\nexport const touched = 1;\n`,
  });
  repo.commit();
  return repo;
}

describe("maestro check output formats", () => {
  it("text: the verdict first, then file:line:col, the rule and what is allowed instead", async () => {
    const run = await maestro(blockedRepo().dir, "check");
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("✖ Maestro: blocked — 1 new boundary violation; 1 new cycle violation");
    expect(lines[1]).toMatch(
      /^ {2}[0-9a-f]{7}\.\.[0-9a-f]{7} · score \.github\/maestro\.yml@[0-9a-f]{7} · maestro \d+\.\d+\.\d+/,
    );
    expect(run.stdout).toContain(
      "New violations (2):\n  src/domain/rules.ts:1:21  error  boundary  domain may not use app; it may use no other module:",
    );
    expect(run.stdout).toContain("Already at base, not blocking (2):\n  src/domain/legacy.ts:1:8  warn  boundary");
  });

  it("markdown: the summary with a table, a Mermaid graph of added edges in red, and provenance", async () => {
    const run = await maestro(blockedRepo().dir, "check", "--format", "markdown");
    expect(run.stdout).toMatch(/^## ⛔ Maestro: blocked\n\n- 1 new boundary violation\n- 1 new cycle violation\n/);
    expect(run.stdout).toContain("| 🔴 | `boundary` | `src/domain/rules.ts:1` |");
    expect(run.stdout).toContain('```mermaid\ngraph LR\n  m0["domain"] --> m1["app"]\n  linkStyle 0 stroke:#d73a49');
    expect(run.stdout).toMatch(/<sub>[0-9a-f]{7}\.\.[0-9a-f]{7} · score/);
  });

  it("sarif: SARIF 2.1.0 with rules, locations and new/unchanged baseline states", async () => {
    const run = await maestro(blockedRepo().dir, "check", "--format", "sarif");
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe("2.1.0");
    const [only] = sarif.runs;
    expect(only.tool.driver.name).toBe("Maestro");
    expect(only.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      "boundary",
      "public-api",
      "forbidden-package",
      "cycle",
      "unmapped",
      "part",
    ]);
    expect(only.results[0]).toMatchObject({
      ruleId: "boundary",
      ruleIndex: 0,
      level: "warning",
      baselineState: "unchanged",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "src/domain/legacy.ts", uriBaseId: "%SRCROOT%" },
            region: { startLine: 1, startColumn: 8 },
          },
        },
      ],
    });
    expect(only.results.filter((r: { level: string }) => r.level === "error")).toHaveLength(2);
    for (const r of only.results) expect(r.partialFingerprints["maestroEdge/v1"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("json: exactly the keys of SPEC §6", async () => {
    const run = await maestro(blockedRepo().dir, "check", "--format", "json");
    const verdict = JSON.parse(run.stdout);
    // SPEC §6's keys, plus `notes`, `subject` and `fixed` (what the change repairs), which the SPEC allows.
    expect(Object.keys(verdict).sort()).toEqual([
      "fixed",
      "notes",
      "reasons",
      "risk",
      "subject",
      "verdict",
      "violations",
    ]);
    expect(Object.keys(verdict.violations[0]).sort()).toEqual([
      "column",
      "file",
      "from",
      "introduced",
      "line",
      "message",
      "rule",
      "severity",
      "specifier",
      "to",
    ]);
    expect(Object.keys(verdict.risk).sort()).toEqual(["level", "score", "signals"]);
  });
});

describe("maestro validate", () => {
  it("accepts a valid score and rejects a broken one with line and column, exit 2", async () => {
    const repo = layeredRepo({ "bad.yml": "version: 1\nmodules:\n  - name: a\n    paths: [a/**]\n    may_use: [b]\n" });
    expect(await maestro(repo.dir, "validate")).toMatchObject({
      code: 0,
      stdout: ".github/maestro.yml: valid score (3 modules)\n",
    });
    const bad = await maestro(repo.dir, "validate", "bad.yml");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yml:5:15: modules[0].may_use[0]: unknown module "b" (modules: "a")');
    expect(await maestro(repo.dir, "validate", "missing.yml")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("cannot read missing.yml"),
    });
  });
});
