import { readdirSync, readFileSync } from "node:fs";
import { RULE_IDS, RULES } from "../../src/checks/rules/index.js";
import { SIGNAL_IDS, SIGNALS } from "../../src/checks/signals/index.js";
import { parseScore } from "../../src/score/parse-score.js";
import { scoreJsonSchema } from "../../src/score/score-json-schema.js";
import { rulesSchema } from "../../src/score/score-schema.js";

/**
 * Adding a signal or a rule is one file in src/checks/signals or src/checks/rules and one line in
 * that folder's index: everything else is derived. This proves the derivations hold for every
 * registered check, and that none is left without its explanation, its score key or its test.
 */
const folder = (path: string) => new URL(`../../${path}`, import.meta.url);
const filesIn = (path: string) => readdirSync(folder(path)).filter((name) => name !== "index.ts");
const weightKeys =
  (
    (
      scoreJsonSchema().properties as Record<
        string,
        { properties?: Record<string, { propertyNames?: { enum?: string[] } }> }
      >
    ).risk?.properties ?? {}
  ).weights?.propertyNames?.enum ?? [];

describe("the registry of risk signals", () => {
  it("every file in src/checks/signals is registered, under its own name", () => {
    expect(filesIn("src/checks/signals").sort()).toEqual(SIGNAL_IDS.map((id) => `${id}.ts`).sort());
  });

  it("no two signals share an id, and no signal is named like a rule (explain would answer for the rule)", () => {
    expect(new Set(SIGNAL_IDS).size).toBe(SIGNAL_IDS.length);
    expect(SIGNAL_IDS.filter((id) => (RULE_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it.each(SIGNALS.map((s) => [s.id, s] as const))(
    "`%s` has an explanation, full points, a weight key in the score and a table test",
    (id, signal) => {
      for (const text of [signal.explanation.title, signal.explanation.meaning, signal.explanation.fix])
        expect(text.trim()).not.toBe("");
      expect(signal.points).toBeGreaterThan(0);
      expect(signal.points).toBeLessThanOrEqual(100);
      expect(weightKeys).toContain(id);
      const parsed = parseScore(`version: 1\nrisk:\n  weights: { ${id}: 7 }\n`);
      expect(parsed.ok && parsed.score.risk.weights).toEqual({ [id]: 7 });
      const test = readFileSync(folder(`test/checks/signals/${id}.test.ts`), "utf8");
      expect(test).toContain("it.each<SignalCase>([");
      expect(test).toContain(`signalSeen("${id}"`);
    },
  );

  it("the score's weight keys are exactly the registered signals", () => {
    expect(weightKeys).toEqual([...SIGNAL_IDS]);
  });
});

describe("the registry of conformance rules", () => {
  it("every file in src/checks/rules is registered, under its own name", () => {
    expect(filesIn("src/checks/rules").sort()).toEqual(RULE_IDS.map((id) => `${id}.ts`).sort());
  });

  it("no two rules share an id or a settings key", () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(new Set(RULES.map((r) => r.setting.key)).size).toBe(RULES.length);
  });

  it.each(RULES.map((r) => [r.id, r] as const))(
    "`%s` has an explanation and a severity key in the score, with its default",
    (_id, rule) => {
      for (const text of [
        rule.explanation.title,
        rule.explanation.meaning,
        rule.explanation.fix,
        rule.setting.description,
      ])
        expect(text.trim()).not.toBe("");
      expect(rulesSchema.parse({})).toHaveProperty(rule.setting.key, rule.setting.default);
      const parsed = parseScore(`version: 1\nrules:\n  ${rule.setting.key}: off\n`);
      expect(parsed.ok && parsed.score.rules).toHaveProperty(rule.setting.key, "off");
    },
  );

  it("the score's `rules:` keys are the registered rules' and type_imports, in the registry's order", () => {
    expect(Object.keys(rulesSchema.shape)).toEqual([...RULES.map((r) => r.setting.key), "type_imports"]);
  });
});
