import { checkJson, layeredRepo } from "../helpers/git-repo.js";

const violating = { "src/domain/rules.ts": `import { load } from "../infra/db";\nexport const MAX = load;\n` };

describe("the verdict rows of SPEC §3, from the CLI", () => {
  it("conductor: risk at or above review_at", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nrisk:\n  review_at: 10\n  block_at: 90\nmodules:\n  - name: app\n    paths: ["src/**"]\n`,
    });
    // 50 lines of logic with no test changed: the untested signal's full 14 points, and size's 7.
    repo.write({
      "src/app/x.ts": Array.from({ length: 50 }, (_, i) => `export const x${i} = Number(${i});\n`).join(""),
    });
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict).toMatchObject({
      verdict: "conductor",
      reasons: ["risk 21 ≥ review_at 10"],
      risk: { score: 21, level: "medium" },
    });
    expect(code).toBe(1);
  });

  it("block outranks conductor, and every reason is listed, blocking ones first", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nprotected:\n  - paths: ["src/domain/**"]\n    reason: the domain is reviewed by its owners\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: infra\n    paths: ["src/infra/**"]\n`,
    });
    repo.write(violating);
    repo.commit();
    const { verdict } = await checkJson(repo.dir);
    expect(verdict.verdict).toBe("block");
    expect(verdict.reasons.slice(0, 3)).toEqual([
      "1 new boundary violation",
      "1 new cycle violation",
      "touches protected path src/domain/rules.ts: the domain is reviewed by its owners",
    ]);
  });
});

describe("agents and humans in the CLI", () => {
  it("judges as an agent by default", async () => {
    const repo = layeredRepo();
    repo.write(violating);
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.subject).toEqual({
      agent: true,
      reason: "judged as an agent's change (nothing said of its author)",
      policy: "enforce",
    });
    expect(code).toBe(1);
  });

  it("a human under human_prs: advise gets the verdict as advice, exit 0", async () => {
    const repo = layeredRepo();
    repo.write(violating);
    repo.commit();
    const { code, verdict } = await checkJson(repo.dir, "--human");
    expect(verdict.verdict).toBe("block");
    expect(verdict.subject).toMatchObject({ agent: false, policy: "advise" });
    expect(verdict.reasons.at(-1)).toBe(
      "advisory only: human PR (the author matches no agents: entry; agents.human_prs: advise)",
    );
    expect(code).toBe(0);
  });

  it("--author, --branch and --label try the score's agents: matching; human_prs: enforce judges humans too", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": `version: 1\nagents:\n  logins: ["*[bot]"]\n  branches: ["codex/**"]\n  labels: [ai-generated]\n  human_prs: enforce\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: infra\n    paths: ["src/infra/**"]\n`,
    });
    repo.write(violating);
    repo.commit();
    expect((await checkJson(repo.dir, "--author", "devin-ai-integration[bot]")).verdict.subject.reason).toBe(
      'author devin-ai-integration[bot] matches agents.logins "*[bot]"',
    );
    expect((await checkJson(repo.dir, "--author", "alice", "--branch", "codex/fix")).verdict.subject.agent).toBe(true);
    expect(
      (await checkJson(repo.dir, "--author", "alice", "--label", "bug", "--label", "ai-generated")).verdict.subject
        .reason,
    ).toBe('label "ai-generated" is in agents.labels');
    const human = await checkJson(repo.dir, "--author", "alice");
    expect(human.verdict.subject).toEqual({
      agent: false,
      reason: "alice matches no agents: entry",
      policy: "enforce",
    });
    expect(human.code).toBe(1);
  });
});
