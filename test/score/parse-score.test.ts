import { readFileSync } from "node:fs";
import { parseScore } from "../../src/score/parse-score.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";
import { scoreJsonSchema } from "../../src/score/score-json-schema.js";

const messages = (text: string) => parseScore(text).problems.map(formatScoreProblem);

describe("parseScore", () => {
  it("reads the full example of SPEC §1 with every default filled", () => {
    // A copy of SPEC §1's example, so the test runs wherever the repository is cloned.
    const yaml = readFileSync(new URL("../fixtures/spec-example.yml", import.meta.url), "utf8");
    const parsed = parseScore(yaml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.score.modules.map((m) => m.name)).toEqual(["domain", "app"]);
    expect(parsed.score.rules).toEqual({
      boundary: "error",
      public_api: "error",
      forbidden_package: "error",
      cycles: "error",
      unmapped: "warn",
      part: "error",
      type_imports: "check",
    });
    expect(parsed.score.conductors.min_permission).toBe("maintain");
  });

  it("fills defaults for a minimal score", () => {
    const parsed = parseScore("version: 1\n");
    expect(parsed.ok && parsed.score).toMatchObject({
      agents: {
        human_prs: "advise",
        logins: ["copilot-swe-agent[bot]", "devin-ai-integration[bot]", "*[bot]"],
        branches: ["copilot/**", "codex/**", "claude/**"],
        labels: ["ai-generated"],
      },
      risk: { review_at: 40, block_at: 80, weights: {} },
      llm: { enabled: false },
    });
  });

  it("names file, line, column and key path of an unknown module", () => {
    const text = `version: 1
modules:
  - name: domain
    paths: ["src/domain/**"]
  - name: infra
    paths: ["src/infra/**"]
  - name: app
    paths: ["src/app/**"]
    may_use: [infra2]
`;
    expect(messages(text)).toEqual([
      '.github/maestro.yml:9:15: modules[2].may_use[0]: unknown module "infra2" (modules: "domain", "infra", "app")',
    ]);
  });

  it("reports a YAML syntax error at its line and column", () => {
    expect(messages("version: 1\nmodules:\n\t- name: a\n")).toEqual([
      ".github/maestro.yml:3:1: YAML syntax: Tabs are not allowed as indentation",
    ]);
    expect(messages("version: 1\nagents:\n  human_prs: enforce\nversion: 1\n")).toEqual([
      ".github/maestro.yml:4:1: YAML syntax: Map keys must be unique",
    ]);
  });

  it("regression: an unclosed [ on line 6 is reported where it opens (6:12), not at 1:1", () => {
    const text = `version: 1
agents:
  logins: []
modules:
  - name: a
    paths: [src/a/**,
  - name: b
    paths: ["src/b/**"]
`;
    expect(messages(text)).toEqual([
      ".github/maestro.yml:6:12: YAML syntax: this [ is never closed: add ] (the YAML parser gave up at line 7, column 3: Flow sequence in block collection must be sufficiently indented and end with a ])",
    ]);
  });

  it("regression: an unclosed quote or { is reported where it opens, the inner one as well", () => {
    expect(messages(`version: 1\nmodules:\n  - name: "a\n    paths: [x]\n`)).toEqual([
      expect.stringMatching(
        /^\.github\/maestro\.yml:3:11: YAML syntax: this " quote is never closed: add the closing " \(the YAML parser gave up at line 5, column 1: /,
      ),
    ]);
    expect(messages(`version: 1\nmodules:\n  - name: 'it''s\n`)).toEqual([
      expect.stringMatching(/^\.github\/maestro\.yml:3:11: YAML syntax: this ' quote is never closed/),
    ]);
    expect(messages("version: 1\nrisk: { weights: [1, 2 }\n").map((m) => m.split(" (")[0])).toEqual([
      ".github/maestro.yml:2:7: YAML syntax: this { is never closed: add }",
      ".github/maestro.yml:2:18: YAML syntax: this [ is never closed: add ]",
    ]);
  });

  it("explains an empty file and a file that is not a mapping", () => {
    expect(messages("")).toEqual([expect.stringContaining("the score is empty")]);
    expect(messages("# only a comment\n")).toEqual([expect.stringContaining("the score is empty")]);
    expect(messages("- a\n- b\n")).toEqual([expect.stringContaining("must be a YAML mapping")]);
  });

  it("reports wrong types at the value", () => {
    expect(messages("version: 1\nrisk:\n  review_at: high\n")).toEqual([
      expect.stringMatching(/^\.github\/maestro\.yml:3:14: risk\.review_at: Invalid input: expected number/),
    ]);
    expect(messages("version: 2\n")).toEqual([expect.stringMatching(/^\.github\/maestro\.yml:1:10: version: /)]);
  });

  it("rejects unknown keys at the key, with a hint for common misspellings", () => {
    expect(messages("version: 1\nmodules:\n  - name: a\n    paths: [a/**]\n    mayUse: []\n")).toEqual([
      '.github/maestro.yml:5:5: modules[0].mayUse: unknown key "mayUse": did you mean "may_use"?',
    ]);
    expect(messages("version: 1\nrulez: {}\n")).toEqual(['.github/maestro.yml:2:1: rulez: unknown key "rulez"']);
  });

  it("rejects duplicate module names, empty globs and broken globs", () => {
    const text = `version: 1
modules:
  - name: a
    paths: ["a/**"]
  - name: a
    paths: ["/b/**"]
ignore: [""]
`;
    const out = messages(text);
    expect(out).toContainEqual(expect.stringContaining('modules[1].name: duplicate module "a" (also modules[0])'));
    expect(out).toContainEqual(expect.stringContaining('modules[1].paths[0]: "/b/**" is absolute'));
    expect(out).toContainEqual(expect.stringContaining("ignore[0]: a glob must not be empty"));
  });

  it("warns, without failing, when a module is shadowed by an earlier one", () => {
    const parsed = parseScore(
      `version: 1\nmodules:\n  - name: src\n    paths: ["src/**"]\n  - name: domain\n    paths: ["src/domain/**"]\n`,
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.problems.map(formatScoreProblem)).toEqual([
      expect.stringMatching(/^\.github\/maestro\.yml:6:13: warning: modules\[1\]\.paths\[0\]: overlaps module "src"/),
    ]);
  });

  it("rejects weights naming unknown signals and thresholds out of order", () => {
    const out = messages("version: 1\nrisk:\n  review_at: 90\n  block_at: 50\n  weights: { sizes: 3 }\n");
    expect(out).toContainEqual(expect.stringMatching(/^\.github\/maestro\.yml:5:\d+: risk\.weights(\.sizes)?: /));
    const ordered = messages("version: 1\nrisk:\n  review_at: 90\n  block_at: 50\n");
    expect(ordered).toEqual([
      ".github/maestro.yml:3:14: risk.review_at: review_at (90) must not be above block_at (50)",
    ]);
  });

  it("rejects duplicate keys as YAML errors", () => {
    expect(parseScore("version: 1\nversion: 1\n").ok).toBe(false);
  });
});

describe("the published JSON Schema", () => {
  it("is the one generated from the zod schema (run `npm run schema` after changing it)", () => {
    const published: unknown = JSON.parse(
      readFileSync(new URL("../../schema/maestro.schema.json", import.meta.url), "utf8"),
    );
    expect(published).toEqual(scoreJsonSchema());
  });
});
