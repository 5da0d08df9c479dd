import { checkJson, LAYERED_SCORE, layeredRepo, maestro } from "../helpers/git-repo.js";

/**
 * Credit for repair: a change that removes violations the base had says so, in the reasons (the
 * text and Markdown reports), and as `fixed` in the JSON. A clean-up reads as good news, not as the
 * warnings its touched files still carry.
 */

/**
 * Four violations at base: boundary, public-api, forbidden-package, and the cycle the boundary's
 * upward import closes (domain → infra → domain).
 */
const MESSY = {
  "src/domain/legacy.ts": `import { load } from "../infra/db";\nexport const legacy = load;\n`,
  "src/domain/old.ts": `import _ from "lodash";\nexport const old = _;\n`,
  "src/app/peek.ts": `import { MAX } from "../domain/rules";\nexport const peek = MAX;\n`,
};

describe("maestro check: violations a change fixes", () => {
  it("a clean-up that removes 4 existing violations: `fixed` 4 in the JSON, the repair first in the text and the Markdown", async () => {
    const repo = layeredRepo(MESSY);
    repo.write({
      "src/domain/legacy.ts": `export const legacy = 1;\n`,
      "src/domain/old.ts": `export const old = 2;\n`,
      "src/app/peek.ts": `import { makeUser } from "../domain/index";\nexport const peek = makeUser;\n`,
    });
    repo.commit();

    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({
      count: 4,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "public-api", count: 1 },
        { rule: "forbidden-package", count: 1 },
        { rule: "cycle", count: 1 },
      ],
    });
    expect(verdict.reasons[0]).toBe(
      "fixes 4 existing violations (1 boundary, 1 public-api, 1 forbidden-package, 1 cycle)",
    );
    expect(verdict.violations).toEqual([]);
    expect(code).toBe(0);

    const text = await maestro(repo.dir, "check");
    expect(text.stdout.split("\n")[0]).toMatch(
      /^✔ Maestro: pass — fixes 4 existing violations \(1 boundary, 1 public-api, 1 forbidden-package, 1 cycle\); no blocking violation/,
    );
    expect(text.stdout).toContain("\nFixed (4): 1 boundary, 1 public-api, 1 forbidden-package, 1 cycle\n");

    const markdown = (await maestro(repo.dir, "check", "--format", "markdown")).stdout;
    expect(markdown).toContain(
      "## ✅ Maestro: pass\n\n- fixes 4 existing violations (1 boundary, 1 public-api, 1 forbidden-package, 1 cycle)\n",
    );
    expect(markdown).toContain(
      "### Fixed (4 violations that were at base)\n\n1 `boundary` · 1 `public-api` · 1 `forbidden-package` · 1 `cycle`",
    );
  });

  it("a clean-up that leaves violations in its touched files leads with the repair; those left are already at base", async () => {
    const repo = layeredRepo({
      "src/domain/legacy.ts": `import { load } from "../infra/db";\nimport { run } from "../app/main";\nexport const legacy = [load, run];\n`,
    });
    repo.write({ "src/domain/legacy.ts": `import { run } from "../app/main";\nexport const legacy = [run];\n` });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    // domain → infra is gone, with the cycle it made; domain → app stays, on its own cycle (domain → app → infra →
    // domain).
    expect(verdict.fixed).toEqual({
      count: 2,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "cycle", count: 1 },
      ],
    });
    expect(verdict.reasons).toEqual([
      "fixes 2 existing violations (1 boundary, 1 cycle)",
      expect.stringMatching(
        /^no blocking violation, risk \d+ < review_at 40; 2 violations already at base, not blocking$/,
      ),
    ]);
    expect(verdict.violations.map((v) => [v.rule, v.to, v.introduced])).toEqual([
      ["boundary", "app", false],
      ["cycle", "app", false],
    ]);
    expect(code).toBe(0);
  });

  it("a change that fixes some and introduces one says both, the blocking one first", async () => {
    const repo = layeredRepo(MESSY);
    repo.write({
      "src/domain/legacy.ts": `export const legacy = 1;\n`,
      "src/domain/old.ts": `export const old = 2;\n`,
      "src/domain/rules.ts": `import { run } from "../app/main";\nexport const MAX = run;\n`,
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({
      count: 3,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "forbidden-package", count: 1 },
        { rule: "cycle", count: 1 },
      ],
    });
    expect(verdict.reasons).toEqual([
      "1 new boundary violation",
      "1 new cycle violation",
      "fixes 3 existing violations (1 boundary, 1 forbidden-package, 1 cycle)",
    ]);
    expect(code).toBe(1);
    const text = await maestro(repo.dir, "check");
    expect(text.stdout.split("\n")[0]).toBe(
      "✖ Maestro: blocked — 1 new boundary violation; 1 new cycle violation; fixes 3 existing violations (1 boundary, 1 forbidden-package, 1 cycle)",
    );
  });

  it("a change that fixes nothing says nothing of repair, and its `fixed` is 0", async () => {
    const repo = layeredRepo(MESSY);
    repo.write({ "src/domain/rules.ts": `export const MAX = 4;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({ count: 0, rules: [] });
    expect(verdict.reasons).toEqual([expect.stringMatching(/^no blocking violation, risk \d+ < review_at 40$/)]);
    const text = await maestro(repo.dir, "check");
    expect(text.stdout).not.toContain("Fixed");
    expect(text.stdout).not.toContain("fixes");
  });

  it("removing a file that held a violation fixes it", async () => {
    const repo = layeredRepo(MESSY);
    repo.write({ "src/domain/legacy.ts": null });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({
      count: 2,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "cycle", count: 1 },
      ],
    });
  });

  it("removing a file that held a violation fixes it, with cycles off (the base read for the changed files alone)", async () => {
    const repo = layeredRepo({
      ...MESSY,
      ".github/maestro.yml": LAYERED_SCORE.replace("modules:", 'rules:\n  cycles: "off"\nmodules:'),
    });
    repo.write({ "src/domain/legacy.ts": null, "src/domain/old.ts": `export const old = 2;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({
      count: 2,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "forbidden-package", count: 1 },
      ],
    });
  });

  it("breaking a module cycle fixes it", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n  - name: infra\n    paths: ["src/infra/**"]\n  - name: app\n    paths: ["src/app/**"]\n`,
      "src/domain/rules.ts": `import { run } from "../app/main";\nexport const MAX = run;\n`,
    });
    repo.write({ "src/domain/rules.ts": `export const MAX = 3;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({ count: 1, rules: [{ rule: "cycle", count: 1 }] });
    expect(verdict.reasons[0]).toBe("fixes 1 existing cycle violation");
  });

  it("a renamed file that keeps its violation fixed nothing", async () => {
    const repo = layeredRepo(MESSY);
    repo.git("mv", "src/domain/legacy.ts", "src/domain/older.ts");
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({ count: 0, rules: [] });
    expect(verdict.violations.map((v) => [v.rule, v.file, v.introduced])).toEqual([
      ["boundary", "src/domain/older.ts", false],
      ["cycle", "src/domain/older.ts", false],
    ]);
  });

  it("a file renamed and cleaned in one change fixes its violations, cycle included", async () => {
    // Enough lines kept for git to see a rename, not a removal and an addition.
    const body = Array.from({ length: 20 }, (_, i) => `export const keep${i} = ${i};\n`).join("");
    const repo = layeredRepo({ "src/domain/legacy.ts": `import { load } from "../infra/db";\n${body}` });
    repo.git("mv", "src/domain/legacy.ts", "src/domain/older.ts");
    repo.write({ "src/domain/older.ts": body });
    repo.commit();
    expect(repo.git("diff", "--name-status", "-M", "main", "HEAD")).toMatch(
      /^R\d+\tsrc\/domain\/legacy.ts\tsrc\/domain\/older.ts$/,
    );
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({
      count: 2,
      rules: [
        { rule: "boundary", count: 1 },
        { rule: "cycle", count: 1 },
      ],
    });
  });

  it("regression: an import changed to lead nowhere is unjudged, not a fix", async () => {
    const repo = layeredRepo(MESSY);
    repo.write({ "src/domain/legacy.ts": `import { load } from "../infra/gone";\nexport const legacy = load;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.fixed).toEqual({ count: 0, rules: [] });
    expect(verdict.verdict).toBe("conductor");
  });

  it("`--all` judges with no base: nothing is fixed", async () => {
    const repo = layeredRepo(MESSY);
    repo.write({ "src/domain/legacy.ts": `export const legacy = 1;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir, "--all");
    expect(verdict.fixed).toEqual({ count: 0, rules: [] });
  });
});
