import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";
import { ALIAS_BOMB_SCORE, DOMAIN_INFRA_SCORE } from "../fixtures/scores.js";

let app: EmulatedApp;
beforeAll(async () => {
  app = await createEmulatedApp({ ".github/maestro.yml": ALIAS_BOMB_SCORE, "src/a.ts": "export const a = 1;\n" });
}, 30_000);
afterAll(async () => {
  expect(app.github.mismatches).toEqual([]);
  await app.stop();
});

describe("a repository whose score is a YAML alias bomb", () => {
  it("regression: the check says Invalid score at the alias, and every command still answers, /maestro help first", async () => {
    const pr = await app.reviewedPull({ "src/b.ts": "export const b = 1;\n" });
    expect(app.latest(pr.sha)).toMatchObject({
      conclusion: "failure",
      output: expect.objectContaining({ title: "Invalid score" }),
    });
    expect(app.latest(pr.sha)?.output?.summary).toMatch(
      /\.github\/maestro\.yml:\d+:\d+: this alias brings the score to more than 200,000 values/,
    );
    const help = await app.comment(pr.number, "rita", "/maestro help");
    expect(app.reactionsOn(help.id)).toEqual(["+1"]);
    expect(app.github.replies(pr.number).at(-1)?.body).toMatch(/^\*\*Maestro commands\*\*/);
    await app.comment(pr.number, "dev", "/maestro re-review");
    expect(app.github.runsOn(pr.sha)).toHaveLength(2);
    expect(app.latest(pr.sha)).toMatchObject({
      conclusion: "failure",
      output: expect.objectContaining({ title: "Invalid score" }),
    });
  });
});

describe("a repository whose archive leaves the score out (.gitattributes export-ignore)", () => {
  it("regression: the score is read as git has it, so agent PRs are judged instead of getting a passing neutral check", async () => {
    const thin = await createEmulatedApp({
      ".gitattributes": "/.github export-ignore\n",
      ".github/maestro.yml": DOMAIN_INFRA_SCORE,
      "src/domain/a.ts": "export const a = 1;\n",
      "src/infra/db.ts": "export const db = 1;\n",
    });
    try {
      const pr = await thin.reviewedPull({
        "src/domain/a.ts": `import { db } from "../infra/db";\nexport const a = db;\n`,
      });
      expect(thin.latest(pr.sha)).toMatchObject({
        conclusion: "failure",
        output: expect.objectContaining({ title: "Blocked — 1 new boundary violation" }),
      });
      expect(thin.github.mismatches).toEqual([]);
    } finally {
      await thin.stop();
    }
  });
});
