import type { Verdict } from "../../src/decide/verdict.js";
import { checkJson, LAYERED_SCORE, layeredRepo } from "../helpers/git-repo.js";

const COPILOT = "copilot-swe-agent[bot]";

/** The layered score, with Copilot's part (the app module), Codex's (infra) and a labelled writer's (domain). */
const partsScore = (extra = "") => `${LAYERED_SCORE}agents:
  parts:
    - name: copilot
      logins: ["${COPILOT}"]
      branches: ["copilot/**"]
      modules: [app]${extra}
    - name: codex
      branches: ["codex/**"]
      modules: [infra]
    - name: writer
      labels: ["agent:writer"]
      modules: [domain]
`;

/** A repository with that score at base, and a head that changes the infra module and the app module. */
function infraAndAppChanged(score = partsScore()) {
  const repo = layeredRepo({ ".github/maestro.yml": score });
  repo.write({
    "src/infra/db.ts": `import { makeUser } from "../domain/index";\nexport const load = () => makeUser("2");\n`,
    "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load() ?? null;\n`,
  });
  repo.commit();
  return repo;
}

const partViolations = (verdict: Verdict) => verdict.violations.filter((v) => v.rule === "part");

describe("agents.parts: an agent changes only its own modules", () => {
  it("blocks Copilot's change to infra, at that file, naming its part and modules; its change to app is fine", async () => {
    const repo = infraAndAppChanged();
    const { code, verdict } = await checkJson(repo.dir, "--author", COPILOT);
    expect(partViolations(verdict)).toEqual([
      {
        rule: "part",
        severity: "error",
        file: "src/infra/db.ts",
        line: 1,
        column: 1,
        from: "infra",
        to: null,
        specifier: null,
        message: `src/infra/db.ts is in module infra: outside part "copilot", whose PRs may change only modules app (agents.parts)`,
        introduced: true,
      },
    ]);
    expect(verdict.verdict).toBe("block");
    expect(verdict.reasons[0]).toBe("1 new part violation");
    expect(verdict.subject).toEqual({
      agent: true,
      reason: `author ${COPILOT} matches part "copilot" logins "${COPILOT}"`,
      policy: "enforce",
      part: { name: "copilot", modules: ["app"] },
    });
    expect(code).toBe(1);
  });

  it("with nothing said of the author, no part applies: the same change passes", async () => {
    const repo = infraAndAppChanged();
    const { code, verdict } = await checkJson(repo.dir);
    expect(partViolations(verdict)).toEqual([]);
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });

  it("a login match outranks a branch match: Copilot on a codex/ branch plays Copilot's part", async () => {
    const repo = infraAndAppChanged();
    const { verdict } = await checkJson(repo.dir, "--author", COPILOT, "--branch", "codex/fix");
    expect(verdict.subject.part?.name).toBe("copilot");
    expect(partViolations(verdict).map((v) => v.file)).toEqual(["src/infra/db.ts"]);
  });

  it("by label, without regard to case: the labelled writer may change only the domain", async () => {
    const repo = infraAndAppChanged();
    const { code, verdict } = await checkJson(repo.dir, "--author", "someone", "--label", "Agent:Writer");
    expect(verdict.subject).toMatchObject({
      agent: true,
      reason: 'label "Agent:Writer" is in part "writer" labels',
      part: { name: "writer", modules: ["domain"] },
    });
    expect(partViolations(verdict).map((v) => v.file)).toEqual(["src/app/main.ts", "src/infra/db.ts"]);
    expect(code).toBe(1);
  });

  it("by branch: a file added in no module and a file deleted from another module are both outside the part", async () => {
    const repo = layeredRepo({ ".github/maestro.yml": partsScore() });
    repo.write({ "scripts/deploy.sh": "echo deploy\n", "src/domain/rules.ts": null });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir, "--branch", "codex/cleanup");
    expect(partViolations(verdict).map((v) => [v.file, v.from, v.message])).toEqual([
      [
        "scripts/deploy.sh",
        null,
        `scripts/deploy.sh belongs to no module: outside part "codex", whose PRs may change only modules infra (agents.parts)`,
      ],
      [
        "src/domain/rules.ts",
        "domain",
        `src/domain/rules.ts is in module domain: outside part "codex", whose PRs may change only modules infra (agents.parts)`,
      ],
    ]);
    expect(code).toBe(1);
  });

  it("a rename out of another module into the part's own is outside the part: it changes both", async () => {
    const repo = layeredRepo({ ".github/maestro.yml": partsScore() });
    repo.write({ "src/domain/rules.ts": null, "src/app/rules.ts": `export const MAX = 3;\n` });
    repo.commit();
    const { verdict } = await checkJson(repo.dir, "--author", COPILOT);
    expect(partViolations(verdict).map((v) => [v.file, v.message])).toEqual([
      [
        "src/app/rules.ts",
        `src/domain/rules.ts is in module domain: outside part "copilot", whose PRs may change only modules app (agents.parts)`,
      ],
    ]);
  });

  it("rules.part: warn annotates without blocking", async () => {
    const repo = infraAndAppChanged(`${partsScore()}rules:\n  part: warn\n`);
    const { code, verdict } = await checkJson(repo.dir, "--author", COPILOT);
    expect(partViolations(verdict).map((v) => v.severity)).toEqual(["warn"]);
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });

  it("max_risk: from that risk on, a conductor signs off the part's PR even below review_at", async () => {
    const repo = layeredRepo({ ".github/maestro.yml": partsScore("\n      max_risk: 5") });
    // 50 lines of logic with no test: the untested and size signals, well below review_at 40.
    repo.write({
      "src/app/x.ts": Array.from({ length: 50 }, (_, i) => `export const x${i} = Number(${i});\n`).join(""),
    });
    repo.commit();
    const asCopilot = await checkJson(repo.dir, "--author", COPILOT);
    expect(asCopilot.verdict.risk.score).toBeGreaterThanOrEqual(5);
    expect(asCopilot.verdict.risk.score).toBeLessThan(40);
    expect(asCopilot.verdict).toMatchObject({
      verdict: "conductor",
      reasons: [`risk ${asCopilot.verdict.risk.score} ≥ max_risk 5 of part "copilot"`],
      subject: { part: { name: "copilot", modules: ["app"], max_risk: 5 } },
    });
    expect(asCopilot.code).toBe(1);
    // Codex's part has no max_risk: the change is blocked for being outside it, and no max_risk reason is added.
    const asCodex = await checkJson(repo.dir, "--branch", "codex/x");
    expect(asCodex.verdict.verdict).toBe("block");
    expect(asCodex.verdict.reasons).toEqual(["1 new part violation"]);
  });
});
