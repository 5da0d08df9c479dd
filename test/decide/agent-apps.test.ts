import { detectAgent } from "../../src/decide/detect-agent.js";
import { createMemoryChange, type Tree } from "../../src/gather/memory-change.js";
import { reviewChange } from "../../src/review/review-change.js";
import { parseScore } from "../../src/score/parse-score.js";

/**
 * Agents matched by the GitHub App behind the PR (SPEC §8): the author's bot account id, its
 * `<slug>[bot]` login, or the app GitHub says performed it. An id outlives a renamed login.
 */
const COPILOT_ID = 198982749;
const parsed = parseScore(`version: 1
modules:
  - name: ui
    paths: ["src/ui/**"]
  - name: infra
    paths: ["src/infra/**"]
agents:
  logins: []
  branches: []
  labels: []
  apps: [renovate]
  parts:
    - name: copilot
      logins: ["copilot-swe-agent[bot]"]
      apps: [${COPILOT_ID}]
      modules: [ui]
    - name: devin
      apps: [devin-ai-integration]
      modules: [infra]
`);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const score = parsed.score;

const BASE: Tree = { "src/ui/view.ts": "export const view = 1;\n", "src/infra/db.ts": "export const db = 1;\n" };
const HEAD: Tree = { ...BASE, "src/infra/db.ts": "export const db = 2;\n" };

async function verdictFor(authorship: Parameters<typeof detectAgent>[1]) {
  const review = await reviewChange({
    score,
    change: createMemoryChange({ base: BASE, head: HEAD }),
    scope: "change",
    ...(authorship ? { authorship } : {}),
  });
  return review.verdict;
}

describe("agents matched by their GitHub App", () => {
  it("Copilot's bot account, renamed to a login no part lists, still plays Copilot's part: infra is outside it", async () => {
    const verdict = await verdictFor({ login: "Copilot", authorId: COPILOT_ID, authorType: "Bot" });
    expect(verdict.subject).toEqual({
      agent: true,
      reason: `author Copilot (bot account ${COPILOT_ID}) is in part "copilot" apps`,
      policy: "enforce",
      part: { name: "copilot", modules: ["ui"] },
    });
    expect(verdict.violations.filter((v) => v.rule === "part")).toEqual([
      expect.objectContaining({
        file: "src/infra/db.ts",
        severity: "error",
        message:
          'src/infra/db.ts is in module infra: outside part "copilot", whose PRs may change only modules ui (agents.parts)',
      }),
    ]);
    expect(verdict.verdict).toBe("block");
  });

  it("the same id on a person's account is not the bot's: a human's PR, no part", async () => {
    const verdict = await verdictFor({ login: "octocat", authorId: COPILOT_ID, authorType: "User" });
    expect(verdict.subject).toMatchObject({ agent: false });
    expect(verdict.subject.part).toBeUndefined();
    expect(verdict.violations.filter((v) => v.rule === "part")).toEqual([]);
  });

  it("by slug: the author `<slug>[bot]` plays the part listing that app, and may change its modules", async () => {
    const verdict = await verdictFor({ login: "devin-ai-integration[bot]", authorId: 1, authorType: "Bot" });
    expect(verdict.subject).toEqual({
      agent: true,
      reason: 'author devin-ai-integration[bot] (app devin-ai-integration) is in part "devin" apps',
      policy: "enforce",
      part: { name: "devin", modules: ["infra"] },
    });
    expect(verdict.violations.filter((v) => v.rule === "part")).toEqual([]);
  });

  it("by the app GitHub says opened it (performed_via_github_app), whatever account is the author", async () => {
    const verdict = await verdictFor({
      login: "max",
      authorId: 7,
      authorType: "User",
      app: { id: 4242, slug: "devin-ai-integration" },
    });
    expect(verdict.subject).toMatchObject({
      agent: true,
      reason: 'the app that opened it, devin-ai-integration (4242), is in part "devin" apps',
      part: { name: "devin" },
    });
  });

  it("agents.apps makes a PR an agent's without a part", () => {
    expect(detectAgent(score, { login: "renovate[bot]", authorId: 29139614, authorType: "Bot" })).toEqual({
      agent: true,
      reason: "author renovate[bot] (app renovate) is in agents.apps",
      policy: "enforce",
    });
    expect(detectAgent(score, { login: "renovate-fan", authorId: 29139614, authorType: "User" }).agent).toBe(false);
  });
});
