import { BOT_LOGIN, createTestApp, mockPullRequestReview, recordedPayload } from "../helpers/github-fixture.js";
import { rejectUnmockedRequests } from "../helpers/unmocked-requests.js";

const BASE = "a".repeat(40);
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"; // the recorded payload's head SHA
const SCORE = `version: 1
protected:
  - paths: [".github/workflows/**"]
    reason: CI changes need a human
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
`;
const baseFiles = {
  ".github/maestro.yml": SCORE,
  "src/domain/user.ts": "export const user = 1;\n",
  "src/infra/db.ts": `import { user } from "../domain/user";\nexport const db = user;\n`,
  "test/user.test.ts": "test('x', () => expect(1).toBe(1));\n",
};

interface Scenario {
  head: Record<string, string>;
  login?: string;
  comments?: { id: number; body: string; user: { login: string; type: string } }[];
}

function github({ head, login, comments }: Scenario) {
  return mockPullRequestReview({ headSha: HEAD, baseSha: BASE, baseFiles, headFiles: head, login, comments });
}

async function deliver(id = "delivery-1") {
  const { probot, queue } = await createTestApp();
  await probot.receive({ id, name: "pull_request", payload: recordedPayload("pull_request", "opened") } as never);
  await queue().drain();
  return { probot, queue };
}

const unmocked = rejectUnmockedRequests();

describe("a pull request gets the Maestro check run", () => {
  it("an agent PR with a boundary violation: in_progress first, then failure with the annotation, buttons and the sticky comment", async () => {
    const head = { ...baseFiles, "src/domain/user.ts": `import { db } from "../infra/db";\nexport const user = db;\n` };
    const { scope, written } = github({ head });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.checkCreate).toMatchObject({
      name: "Maestro",
      head_sha: HEAD,
      status: "in_progress",
      details_url: "https://github.com/Codertocat/Hello-World/pull/2",
    });
    const [complete] = written.checkUpdates;
    expect(complete).toMatchObject({
      status: "completed",
      conclusion: "failure",
      external_id: expect.stringMatching(new RegExp(`^maestro:${HEAD}:${BASE}:[0-9a-f]{40}$`)),
      // No Sign off button on a block: approve never covers it, and an override needs a written reason.
      actions: [expect.objectContaining({ identifier: "re-review" })],
      output: { title: "Blocked — 1 new boundary violation" },
    });
    const output = complete?.output as { summary: string; annotations: Record<string, unknown>[] };
    expect(output.annotations).toContainEqual({
      path: "src/domain/user.ts",
      start_line: 1,
      end_line: 1,
      annotation_level: "failure",
      title: "Maestro boundary",
      message: 'domain may not use infra; it may use no other module: "../infra/db" imports src/infra/db.ts',
    });
    expect(output.summary).toContain("## ⛔ Maestro: blocked");
    expect(output.summary).toMatch(new RegExp(`score ${BASE}:\\.github/maestro\\.yml blob [0-9a-f]{40}`));
    expect(written.comment?.method).toBe("POST");
    expect(written.comment?.body).toMatch(/^<!-- maestro:sticky -->/);
    const json = /```json\n([\s\S]*?)\n```/.exec(written.comment?.body ?? "")?.[1] ?? "";
    expect(JSON.parse(json)).toMatchObject({
      verdict: "block",
      violations: expect.arrayContaining([expect.objectContaining({ rule: "boundary", file: "src/domain/user.ts" })]),
    });
  });

  it("a clean agent PR passes with success", async () => {
    const head = {
      ...baseFiles,
      "src/infra/cache.ts": `import { user } from "../domain/user";\nexport const cache = user;\n`,
      "test/cache.test.ts": "test('c', () => expect(2).toBe(2));\n",
    };
    const { scope, written } = github({ head });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "success",
      actions: [expect.objectContaining({ identifier: "re-review" })],
    });
    expect((written.checkUpdates[0]?.output as { title: string }).title).toMatch(/^Pass — risk \d+ \(low\)$/);
  });

  it("a file fixed lately is weighed by its history, read from GitHub in one GraphQL query", async () => {
    const head = {
      ...baseFiles,
      "src/infra/db.ts": `import { user } from "../domain/user";\nexport const db = user + 1;\n`,
      "test/db.test.ts": "test('d', () => expect(3).toBe(3));\n",
    };
    const history = { "src/infra/db.ts": ["fix(db): reconnect", "fix(db): pool leak", "feat: db"] };
    const { scope, written } = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles,
      headFiles: head,
      history,
    });
    await deliver();
    expect(scope.isDone()).toBe(true);
    const summary = (written.checkUpdates[0]?.output as { summary: string }).summary;
    expect(summary).toContain("src/infra/db.ts (3 changes, 2 fixes)");
  });

  it("a protected path asks for a conductor: action_required with details_url", async () => {
    const head = { ...baseFiles, ".github/workflows/ci.yml": "on: push\n" };
    const { scope, written } = github({ head });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "action_required",
      details_url: "https://github.com/Codertocat/Hello-World/pull/2",
    });
  });

  it("a human PR under human_prs: advise is neutral, never blocked", async () => {
    const head = { ...baseFiles, "src/domain/user.ts": `import { db } from "../infra/db";\nexport const user = db;\n` };
    const { scope, written } = github({ head, login: "Codertocat" });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "neutral",
      output: { title: "Advice: Blocked — 1 new boundary violation" },
    });
  });

  it("a human PR under human_prs: skip is `skipped`, which a required check counts as passing", async () => {
    const skipScore = SCORE.replace("version: 1\n", "version: 1\nagents:\n  human_prs: skip\n");
    const base = { ...baseFiles, ".github/maestro.yml": skipScore };
    const { scope, written } = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles: base,
      headFiles: { ...base, "src/domain/user.ts": `import { db } from "../infra/db";\nexport const user = db;\n` },
      login: "Codertocat",
    });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "skipped",
      output: { title: "Skipped: a human's PR (agents.human_prs: skip)" },
    });
  });

  it("a PR that edits the score to allow its own violation is still judged by the base's score", async () => {
    const head = {
      ...baseFiles,
      ".github/maestro.yml": SCORE.replace("    may_use: []\n", "    may_use: [infra]\n"),
      "src/domain/user.ts": `import { db } from "../infra/db";\nexport const user = db;\n`,
    };
    const { scope, written } = github({ head });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({ conclusion: "failure" });
    expect((written.checkUpdates[0]?.output as { summary: string }).summary).toContain(
      "changes the score .github/maestro.yml",
    );
  });

  it("a base branch whose rules do not require the Maestro check: the summary says the verdict cannot block a merge", async () => {
    const head = { ...baseFiles, "src/infra/cache.ts": "export const c = 1;\n" };
    const banner = "The Maestro check is not required on `main`: this verdict cannot block a merge.";
    const required = mockPullRequestReview({ headSha: HEAD, baseSha: BASE, baseFiles, headFiles: head });
    await deliver();
    expect(required.scope.isDone()).toBe(true);
    expect((required.written.checkUpdates[0]?.output as { summary: string }).summary).not.toContain(banner);
    const notRequired = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles,
      headFiles: head,
      requiredCheck: false,
    });
    await deliver("delivery-2");
    expect(notRequired.scope.isDone()).toBe(true);
    expect((notRequired.written.checkUpdates[0]?.output as { summary: string }).summary).toContain(`> ${banner}`);
  });

  it("edits Maestro's own sticky comment in place, never an earlier human comment with the marker pasted in", async () => {
    const head = { ...baseFiles, "src/infra/cache.ts": "export const c = 1;\n" };
    const { scope, written } = github({
      head,
      comments: [
        { id: 5, body: "<!-- maestro:sticky --> pasted by a human", user: { login: "mallory", type: "User" } },
        { id: 9, body: "<!-- maestro:sticky -->\nold verdict", user: { login: BOT_LOGIN, type: "Bot" } },
      ],
    });
    await deliver();
    expect(scope.isDone()).toBe(true);
    expect(written.comment).toMatchObject({ method: "PATCH", commentId: 9 });
  });

  it("a redelivered webhook (same delivery id) is reviewed once", async () => {
    const head = { ...baseFiles, "src/infra/cache.ts": "export const c = 1;\n" };
    const { scope, written } = github({ head });
    const { probot, queue } = await createTestApp();
    const event = {
      id: "same-delivery",
      name: "pull_request",
      payload: recordedPayload("pull_request", "opened"),
    } as never;
    await probot.receive(event);
    await probot.receive(event);
    await queue().drain();
    expect(scope.isDone()).toBe(true);
    // A second review would start with a second check run: a request nothing here answers.
    expect(unmocked()).toEqual([]);
    expect(written.checkUpdates).toHaveLength(1);
  });
});
