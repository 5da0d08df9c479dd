import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";

/**
 * agents.parts in the app: a PR's author plays a part, its check run is judged by it, and an agent
 * named only by its part can never sign off. Against the GitHub emulator, Maestro's app in-process.
 */
const SCORE = `version: 1
agents:
  logins: ["*[bot]"]
  labels: []
  parts:
    - name: svc
      logins: ["svc-agent-*"]
      modules: [domain]
protected:
  - paths: ["migrations/**"]
    reason: schema changes need a human
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
`;

let app: EmulatedApp;
beforeAll(async () => {
  app = await createEmulatedApp({
    ".github/maestro.yml": SCORE,
    "src/domain/a.ts": "export const a = 1;\n",
    "src/infra/db.ts": "export const db = 1;\n",
  });
  app.github.roles.set("svc-agent-9", "admin");
}, 30_000);
afterAll(async () => {
  expect(app.github.mismatches).toEqual([]);
  await app.stop();
});

describe("agents.parts in the app", () => {
  it("a PR by the part's login that changes infra fails its check, with an annotation at that file", async () => {
    const pr = await app.reviewedPull({ "src/infra/db.ts": "export const db = 2;\n" }, "svc-agent-7");
    const run = app.latest(pr.sha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.annotations).toContainEqual(
      expect.objectContaining({
        path: "src/infra/db.ts",
        start_line: 1,
        message: expect.stringContaining(
          'src/infra/db.ts is in module infra: outside part "svc", whose PRs may change only modules domain',
        ),
      }),
    );
  });

  it("the same change by a human is no part's: it passes", async () => {
    const pr = await app.reviewedPull({ "src/infra/db.ts": "export const db = 3;\n" }, "dev");
    expect(app.latest(pr.sha)?.conclusion).toBe("success");
  });

  it("an agent named only by its part can never approve, even with admin rights", async () => {
    const pr = await app.reviewedPull({ "migrations/001.sql": "create table t (id int);\n" }, "renovate[bot]");
    expect(app.latest(pr.sha)?.conclusion).toBe("action_required");
    const c = await app.comment(pr.number, "svc-agent-9", "/maestro approve");
    expect(app.reactionsOn(c.id)).toEqual(["confused"]);
    expect(app.github.replies(pr.number).at(-1)?.body).toContain(
      '@svc-agent-9 matches part "svc" logins "svc-agent-*": an agent cannot approve',
    );
    expect(app.latest(pr.sha)?.conclusion).toBe("action_required");
  });
});

describe("agents.parts[].apps in the app: a renamed login does not escape its part", () => {
  const APPS_SCORE = `version: 1
agents:
  logins: []
  branches: []
  labels: []
  parts:
    - name: copilot
      apps: [198982749]
      modules: [domain]
    - name: devin
      apps: [devin-ai-integration]
      modules: [domain]
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
`;
  let apps: EmulatedApp;
  beforeAll(async () => {
    apps = await createEmulatedApp({
      ".github/maestro.yml": APPS_SCORE,
      "src/domain/a.ts": "export const a = 1;\n",
      "src/infra/db.ts": "export const db = 1;\n",
    });
  }, 30_000);
  afterAll(async () => {
    expect(apps.github.mismatches).toEqual([]);
    await apps.stop();
  });

  it("a bot account listed by id, under a login no glob names, plays its part: infra is a part violation", async () => {
    const number = apps.github.nextNumber();
    const pr = await apps.reviewedPull({ "src/infra/db.ts": "export const db = 2;\n" }, "Copilot");
    expect(pr.number).toBe(number);
    // reviewedPull registered the PR as the emulator's default user; give it Copilot's bot account and review again.
    Object.assign(apps.github.pulls.get(pr.number) ?? {}, { userId: 198982749, userType: "Bot" });
    await apps.push({ number: pr.number, branch: pr.branch }, { "src/infra/db.ts": "export const db = 3;\n" });
    const head = apps.github.sha(pr.branch);
    expect(apps.latest(head)?.conclusion).toBe("failure");
    expect(apps.latest(head)?.annotations).toContainEqual(
      expect.objectContaining({ path: "src/infra/db.ts", message: expect.stringContaining('outside part "copilot"') }),
    );
  });

  it("a person's account whose PR an app opened (performed_via_github_app) plays that app's part", async () => {
    const pr = await apps.reviewedPull({ "src/domain/a.ts": "export const a = 2;\n" }, "dev");
    Object.assign(apps.github.pulls.get(pr.number) ?? {}, {
      userType: "User",
      app: { id: 4242, slug: "devin-ai-integration" },
    });
    await apps.push({ number: pr.number, branch: pr.branch }, { "src/infra/db.ts": "export const db = 4;\n" });
    const head = apps.github.sha(pr.branch);
    expect(apps.latest(head)?.conclusion).toBe("failure");
    expect(apps.latest(head)?.output?.summary).toContain('part "devin"');
  });
});
