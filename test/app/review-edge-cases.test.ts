import nock from "nock";
import {
  API,
  INSTALLATION,
  OWNER,
  REPO,
  createTestApp,
  expectLoggedError,
  mockBranchGate,
  mockPullRequestReview,
  mockQuietHistory,
  recordedPayload,
  tarball,
} from "../helpers/github-fixture.js";
import { rejectUnmockedRequests } from "../helpers/unmocked-requests.js";

const BASE = "b".repeat(40);
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const SCORE = `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: infra\n    paths: ["src/infra/**"]\n`;
const baseFiles = {
  ".github/maestro.yml": SCORE,
  "src/domain/a.ts": "export const a = 1;\n",
  "src/infra/db.ts": "export const db = 1;\n",
};
const violating = { ...baseFiles, "src/domain/a.ts": `import { db } from "../infra/db";\nexport const a = db;\n` };
const repoPath = `/repos/${OWNER}/${REPO}`;

async function receive(name: string, payload: Record<string, unknown>, id = `d-${Math.random()}`, throttled = false) {
  // Some recorded payloads come from other repositories: judge them all in the mocked one.
  payload.repository = { ...(payload.repository as object), name: REPO, owner: { login: OWNER } };
  const { probot, queue } = await createTestApp({ throttled });
  await probot.receive({ id, name, payload } as never);
  await queue().drain();
  return probot;
}

const opened = () => recordedPayload("pull_request", "opened");
const output = (update: Record<string, unknown> | undefined) =>
  update?.output as { title: string; summary: string; annotations?: Record<string, unknown>[] };

const unmocked = rejectUnmockedRequests();
// Maestro asks once who its bot is (to know its own sticky comment).
beforeEach(() => nock(API).get("/app").optionally().reply(200, { id: 1, slug: "maestro" }));

describe("score problems", () => {
  it("an invalid score fails the check as `Invalid score`, with line and column in the summary and an annotation on the file", async () => {
    const broken = {
      ...baseFiles,
      ".github/maestro.yml": "version: 1\nmodules:\n  - name: a\n    paths: [a/**]\n    may_use: [ghost]\n",
    };
    const { scope, written } = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles: broken,
      headFiles: { ...broken, "x.ts": "1" },
    });
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({ conclusion: "failure", output: { title: "Invalid score" } });
    expect(output(written.checkUpdates[0]).summary).toContain(
      '.github/maestro.yml:5:15: modules[0].may_use[0]: unknown module "ghost" (modules: "a")',
    );
    expect(output(written.checkUpdates[0]).annotations).toEqual([
      expect.objectContaining({
        path: ".github/maestro.yml",
        start_line: 5,
        annotation_level: "failure",
        title: "Invalid score",
      }),
    ]);
  });

  it("a repository with no score gets a neutral check saying how to add one", async () => {
    const none = { "src/a.ts": "export const a = 1;\n" };
    const { scope, written } = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles: none,
      headFiles: { ...none, "src/b.ts": "2" },
    });
    // Not in the archive: asked for as git has it (an archive may leave .github out), and GitHub says there is none.
    scope
      .get(`/repos/Codertocat/Hello-World/contents/.github%2Fmaestro.yml`)
      .query({ ref: BASE })
      .reply(404, { message: "Not Found" });
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "neutral",
      output: { title: "No score: add .github/maestro.yml to let Maestro judge" },
    });
    expect(output(written.checkUpdates[0]).summary).toContain("npx maestro init");
  });

  it("extends: pulls the org's score from its .github repository, merged under the repo's", async () => {
    const org = `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: infra\n    paths: ["src/infra/**"]\n`;
    const own = { ...baseFiles, ".github/maestro.yml": "version: 1\nextends: .github\nrisk:\n  review_at: 30\n" };
    const { scope, written } = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles: own,
      headFiles: { ...own, "src/domain/a.ts": `import "../infra/db";\n` },
    });
    scope
      .get(`/repos/${OWNER}/.github/contents/.github%2Fmaestro.yml`)
      .reply(200, { type: "file", encoding: "base64", content: Buffer.from(org).toString("base64") });
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "failure",
      output: { title: "Blocked — 1 new boundary violation" },
    });
    expect(output(written.checkUpdates[0]).summary).toContain("Score extends Codertocat/.github:.github/maestro.yml.");
  });
});

describe("GitHub failing", () => {
  it("a 502 on the listing is retried and the verdict is still right", async () => {
    const scope = nock(API).get(`${repoPath}/pulls/2/files`).query(true).reply(502, "bad gateway");
    const { written } = mockPullRequestReview({ headSha: HEAD, baseSha: BASE, baseFiles, headFiles: violating }, scope);
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "failure",
      output: { title: "Blocked — 1 new boundary violation" },
    });
  });

  it("GitHub that keeps failing ends the check as `Maestro could not review this PR`, never left in progress", async () => {
    const scope = nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .post(`${repoPath}/check-runs`)
      .reply(201, { id: 9 })
      .get(`${repoPath}/pulls/2`)
      .reply(200, {
        number: 2,
        html_url: "https://github.com/x/y/pull/2",
        draft: false,
        changed_files: 1,
        user: { login: "devin-ai-integration[bot]" },
        head: { sha: HEAD, ref: "f" },
        base: { sha: BASE, ref: "main" },
        labels: [],
      })
      .get(`${repoPath}/tarball/${BASE}`)
      .times(3)
      .reply(500, { message: "Server Error" })
      .get(`${repoPath}/tarball/${HEAD}`)
      .optionally()
      .times(3)
      .reply(200, () => tarball(HEAD, violating), { "content-type": "application/x-gzip" })
      .get(`${repoPath}/pulls/2/files`)
      .optionally()
      .query(true)
      .reply(200, []);
    mockBranchGate(scope, "main", true);
    let completed: Record<string, unknown> | undefined;
    scope.patch(`${repoPath}/check-runs/9`, (body) => ((completed = body), true)).reply(200, {});
    scope
      .get(`${repoPath}/issues/2/comments`)
      .query(true)
      .reply(200, [])
      .post(`${repoPath}/issues/2/comments`)
      .reply(201, {});
    expectLoggedError(/review failed/);
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(completed).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "Maestro could not review this PR" },
    });
    expect(output(completed).summary).toContain("GitHub kept failing (500");
  });

  it("a secondary rate limit is waited out and retried, and the verdict is still right", async () => {
    const scope = nock(API)
      .get(`${repoPath}/pulls/2/files`)
      .query(true)
      .reply(
        403,
        { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
        { "retry-after": "1" },
      );
    const { written } = mockPullRequestReview({ headSha: HEAD, baseSha: BASE, baseFiles, headFiles: violating }, scope);
    await receive("pull_request", opened(), "secondary", true);
    expect(scope.isDone()).toBe(true);
    expect(written.checkUpdates[0]).toMatchObject({
      conclusion: "failure",
      output: { title: "Blocked — 1 new boundary violation" },
    });
  }, 30_000);
});

describe("stale work and re-runs", () => {
  it("two pushes in a row: both SHAs get their check run, the older completes superseded before its download, only the newer writes the sticky comment", async () => {
    const older = "1".repeat(40);
    const newer = "2".repeat(40);
    const scope = nock(API);
    const first = mockPullRequestReview(
      { headSha: older, baseSha: BASE, baseFiles, headFiles: violating, checkRunId: 1, olderHead: true },
      scope,
    );
    const second = mockPullRequestReview(
      { headSha: newer, baseSha: BASE, baseFiles, headFiles: baseFiles, checkRunId: 2, cachedBase: true },
      scope,
    );
    // No settling time: the older push's review is under way when the newer push arrives.
    const { probot, queue } = await createTestApp({ pushSettleMs: 0 });
    const push = (sha: string) =>
      recordedPayload(
        "pull_request",
        "synchronize",
        (p) => (
          ((p.pull_request as { head: { sha: string } }).head.sha = sha),
          ((p.pull_request as { number: number }).number = 2)
        ),
      );
    await probot.receive({ id: "push-1", name: "pull_request", payload: push(older) } as never);
    await probot.receive({ id: "push-2", name: "pull_request", payload: push(newer) } as never);
    await queue().drain();
    // The older push's review read the PR, then saw the newer push before downloading anything.
    expect(scope.pendingMocks()).toEqual([
      `GET ${API}:443/repos/Codertocat/Hello-World/tarball/${older}`,
      `GET ${API}:443/repos/Codertocat/Hello-World/pulls/2/files`,
      `GET ${API}:443/repos/Codertocat/Hello-World/issues/2/comments`,
    ]);
    nock.cleanAll();
    expect(first.written.checkCreate).toMatchObject({ head_sha: older });
    expect(first.written.checkUpdates).toEqual([
      expect.objectContaining({
        conclusion: "cancelled",
        output: expect.objectContaining({ title: "Superseded by a newer push (2222222): not reviewed" }),
      }),
    ]);
    expect(first.written.comment).toBeUndefined();
    expect(second.written.checkCreate).toMatchObject({ head_sha: newer });
    expect(second.written.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
    expect(second.written.comment).toMatchObject({
      method: "POST",
      body: expect.stringContaining(`<!-- maestro:head ${newer} -->`),
    });
    expect(second.written.comment?.body).toContain("## ✅ Maestro: ");
  });

  it.each([
    [
      "check_run",
      "rerequested",
      (p: Record<string, unknown>) =>
        Object.assign(p.check_run as object, { head_sha: HEAD, pull_requests: [{ number: 2 }] }),
    ],
    [
      "check_run",
      "requested_action",
      (p: Record<string, unknown>) => (
        Object.assign(p.check_run as object, { head_sha: HEAD, pull_requests: [{ number: 2 }] }),
        (p.requested_action = { identifier: "re-review" })
      ),
    ],
    [
      "check_suite",
      "rerequested",
      (p: Record<string, unknown>) =>
        Object.assign(p.check_suite as object, { head_sha: HEAD, pull_requests: [{ number: 2 }] }),
    ],
  ])("%s.%s runs the review again on the head SHA", async (event, action, patch) => {
    const { scope, written } = mockPullRequestReview({ headSha: HEAD, baseSha: BASE, baseFiles, headFiles: violating });
    await receive(event, recordedPayload(event, action, patch));
    expect(scope.isDone()).toBe(true);
    expect(written.checkCreate).toMatchObject({ head_sha: HEAD, status: "in_progress" });
    expect(written.checkUpdates[0]).toMatchObject({ conclusion: "failure" });
  });

  it("an edit that does not move the base, and another button, make no request to GitHub", async () => {
    await receive(
      "pull_request",
      recordedPayload(
        "pull_request",
        "opened",
        (p) => ((p.action = "edited"), (p.changes = { title: { from: "old" } })),
      ),
    );
    await receive(
      "check_run",
      recordedPayload("check_run", "requested_action", (p) => (p.requested_action = { identifier: "something-else" })),
    );
    // Nothing is mocked but `GET /app`: any review, reply or check run would be an unmocked request.
    expect(unmocked()).toEqual([]);
  });

  it("a draft PR is judged, and says so", async () => {
    const { scope, written } = mockPullRequestReview({
      headSha: HEAD,
      baseSha: BASE,
      baseFiles,
      headFiles: violating,
      draft: true,
    });
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(output(written.checkUpdates[0]).summary).toMatch(/^> Draft PR: judged as it is now/);
  });
});

describe("merge queues", () => {
  it("merge_group.checks_requested gets a Maestro check on the group's head, judged on the group's own change", async () => {
    const payload = recordedPayload("merge_group", "checks_requested");
    const group = payload.merge_group as { head_sha: string; base_sha: string };
    let created: Record<string, unknown> | undefined;
    let completed: Record<string, unknown> | undefined;
    const files = [
      {
        filename: "src/domain/a.ts",
        status: "modified",
        additions: 2,
        deletions: 1,
        patch: '@@ -1 +1,2 @@\n-export const a = 1;\n+import { db } from "../infra/db";\n+export const a = db;',
      },
    ];
    const scope = nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .post(`${repoPath}/check-runs`, (body) => ((created = body), true))
      .reply(201, { id: 3 })
      .get(`${repoPath}/tarball/${group.base_sha}`)
      .reply(200, () => tarball(group.base_sha, baseFiles), { "content-type": "application/x-gzip" })
      .get(`${repoPath}/tarball/${group.head_sha}`)
      .reply(200, () => tarball(group.head_sha, violating), { "content-type": "application/x-gzip" })
      .get(`${repoPath}/compare/${group.base_sha}...${group.head_sha}`)
      .reply(200, { files })
      .patch(`${repoPath}/check-runs/3`, (body) => ((completed = body), true))
      .reply(200, {});
    mockQuietHistory(scope);
    await receive("merge_group", payload);
    expect(scope.isDone()).toBe(true);
    expect(created).toMatchObject({ name: "Maestro", head_sha: group.head_sha, status: "in_progress" });
    expect(completed).toMatchObject({ conclusion: "failure", output: { title: "Blocked — 1 new boundary violation" } });
  });
});

describe("the check run exists before anything can fail", () => {
  /** A PR whose every read fails; returns what Maestro wrote to the check run and the comments. */
  function unreadablePullRequest(stickyComment?: { id: number; body: string }) {
    const written: {
      completed?: Record<string, unknown>;
      comment?: { method: string; commentId?: number; body: string };
    } = {};
    const scope = nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .post(`${repoPath}/check-runs`)
      .reply(201, { id: 11 })
      .get(`${repoPath}/pulls/2`)
      .times(3)
      .reply(500, { message: "Server Error" })
      .patch(`${repoPath}/check-runs/11`, (body) => ((written.completed = body), true))
      .reply(200, {})
      .get(`${repoPath}/issues/2/comments`)
      .query(true)
      .optionally()
      .reply(200, stickyComment ? [{ ...stickyComment, user: { login: "maestro[bot]", type: "Bot" } }] : []);
    if (stickyComment)
      scope
        .patch(
          `${repoPath}/issues/comments/${stickyComment.id}`,
          (body) => ((written.comment = { method: "PATCH", commentId: stickyComment.id, body: body.body }), true),
        )
        .reply(200, {});
    else
      scope
        .post(
          `${repoPath}/issues/2/comments`,
          (body) => ((written.comment = { method: "POST", body: body.body }), true),
        )
        .reply(201, {});
    return { scope, written };
  }

  it("a PR GitHub will not return still gets a completed failure check, not nothing, and the comment says so", async () => {
    const { scope, written } = unreadablePullRequest();
    expectLoggedError(/review failed/);
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(written.completed).toMatchObject({
      conclusion: "failure",
      output: { title: "Maestro could not review this PR" },
    });
    expect(written.comment?.body).toContain("Maestro could not finish the review, so it is not passing this PR.");
  });

  it("a review that fails before reading the PR edits Maestro's sticky comment in place, never posts a second one", async () => {
    const { scope, written } = unreadablePullRequest({ id: 9, body: "<!-- maestro:sticky -->\nold verdict" });
    expectLoggedError(/review failed/);
    await receive("pull_request", opened());
    expect(scope.isDone()).toBe(true);
    expect(written.comment).toMatchObject({ method: "PATCH", commentId: 9 });
  });
});
