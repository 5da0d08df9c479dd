import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { recordedPayload } from "../helpers/github-fixture.js";
import { GitHubEmulator, type CheckRun } from "./github-emulator.js";
import { MaestroServer } from "./maestro-server.js";
import { emulatedPull, pullRequestPayload, type PullRequestAction } from "./webhook-payloads.js";
import { waitFor } from "./wait-for.js";

/**
 * The real server (`npm start`'s code, over HTTP) against a local GitHub emulator backed by a real
 * git repository, fed signed webhooks. Every request Maestro makes is checked against GitHub's
 * OpenAPI description; the last test fails on any mismatch.
 */
const OWNER = "acme";
const REPO = "shop";
const INSTALLATION = 99;
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

let repo: TestRepo;
let github: GitHubEmulator;
let maestro: MaestroServer;
let nextPull = 1;

beforeAll(async () => {
  repo = createRepo();
  repo.write({
    ".github/maestro.yml": SCORE,
    "src/domain/order.ts": "export const order = 1;\n",
    "src/infra/db.ts": `import { order } from "../domain/order";\nexport const db = order;\n`,
    "test/order.test.ts": "test('o', () => expect(1).toBe(1));\n",
  });
  repo.commit("main");
  github = new GitHubEmulator(OWNER, REPO, repo.dir);
  await github.start();
  maestro = new MaestroServer();
  await maestro.start(github.port);
}, 60_000);

afterAll(async () => {
  await maestro?.stop();
  await github?.stop();
});

/** A branch off `base` with `files` committed, registered as a PR; returns its number and head SHA. */
function openPullRequest(
  files: Record<string, string | null>,
  options: { user?: string; base?: string; labels?: string[] } = {},
) {
  const number = nextPull++;
  const branch = `pr-${number}`;
  repo.git("checkout", "-q", "-b", branch, options.base ?? "main");
  repo.write(files);
  const sha = repo.commit(`pr ${number}`);
  repo.git("checkout", "-q", "main");
  github.pulls.set(number, {
    number,
    headRef: branch,
    baseRef: options.base ?? "main",
    user: options.user ?? "copilot-swe-agent[bot]",
    labels: options.labels ?? [],
    draft: false,
  });
  return { number, sha, branch };
}

/** The pull_request webhook for PR `number` at `sha`, as GitHub sends it for the emulator's PR. */
function pullRequestEvent(action: PullRequestAction, number: number, sha: string) {
  const target = { owner: OWNER, repo: REPO, installationId: INSTALLATION };
  return pullRequestPayload(target, action, { ...emulatedPull(github, number), headSha: sha });
}

const serverLog = () => `server said:\n${maestro.output}`;

function completedRun(sha: string, timeout = 30_000): Promise<CheckRun> {
  return waitFor(() => github.runsOn(sha).find((r) => r.status === "completed"), {
    timeout,
    what: `a completed check run on ${sha}`,
    detail: serverLog,
  });
}

/** Maestro's sticky comment on a PR once it holds `text` (the review's last write). */
function stickyComment(pull: number, text = "<!-- maestro:sticky -->") {
  return waitFor(() => github.comments.find((c) => c.issue === pull && c.body.includes(text)), {
    what: `the sticky comment on #${pull} with ${text}`,
    detail: serverLog,
  });
}

/** Webhooks the server counted as redeliveries (its /metrics), for a wait that ends when one is dropped. */
async function duplicateWebhooks(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${maestro.port}/metrics`)).text();
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith("maestro_webhooks_total{") &&
        l.includes('outcome="duplicate"') &&
        l.includes('event="pull_request"'),
    );
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("Maestro end to end", () => {
  it("an agent PR with violations: in_progress at once, then failure with annotations at the right lines, and the sticky comment", async () => {
    const pr = openPullRequest({
      "src/domain/order.ts": `// an agent's change\nimport { db } from "../infra/db";\nexport const order = db;\n`,
    });
    const answer = await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    expect(answer.status).toBe(200);
    const run = await completedRun(pr.sha);
    expect(run).toMatchObject({
      name: "Maestro",
      conclusion: "failure",
      output: { title: "Blocked — 1 new boundary violation" },
    });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        path: "src/domain/order.ts",
        start_line: 2,
        annotation_level: "failure",
        title: "Maestro boundary",
      }),
    );
    expect(run.external_id).toMatch(new RegExp(`^maestro:${pr.sha}:[0-9a-f]{40}:[0-9a-f]{40}$`));
    expect(run.output?.summary).toContain(
      "> The Maestro check is not required on `main`: this verdict cannot block a merge. `npx maestro protect --repo acme/shop --branch main` makes it required.",
    );
    const comment = await stickyComment(pr.number);
    expect(comment.body).toMatch(/^<!-- maestro:sticky -->/);
    expect(comment.body).toContain('"verdict": "block"');
  }, 60_000);

  it("a clean agent PR passes", async () => {
    const pr = openPullRequest({
      "src/infra/cache.ts": `import { order } from "../domain/order";\nexport const cache = order;\n`,
      "test/cache.test.ts": "test('c', () => expect(1).toBe(1));\n",
    });
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    expect(await completedRun(pr.sha)).toMatchObject({ conclusion: "success" });
  }, 60_000);

  it("a protected path asks for a conductor", async () => {
    const pr = openPullRequest({ ".github/workflows/ci.yml": "on: push\n" });
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    expect(await completedRun(pr.sha)).toMatchObject({
      conclusion: "action_required",
      details_url: expect.stringContaining(`/pull/${pr.number}`),
    });
  }, 60_000);

  it("a human PR is advised, neutral", async () => {
    const pr = openPullRequest(
      { "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n` },
      { user: "alice" },
    );
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    expect(await completedRun(pr.sha)).toMatchObject({ conclusion: "neutral" });
  }, 60_000);

  it("a PR that edits the score to allow its own violation still fails", async () => {
    const pr = openPullRequest({
      ".github/maestro.yml": SCORE.replace("    may_use: []\n", "    may_use: [infra]\n"),
      "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n`,
    });
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    expect(await completedRun(pr.sha)).toMatchObject({ conclusion: "failure" });
  }, 60_000);

  it("an invalid score fails as `Invalid score`; no score is neutral", async () => {
    repo.git("checkout", "-q", "-b", "broken-score", "main");
    repo.write({
      ".github/maestro.yml": "version: 1\nmodules:\n  - name: a\n    paths: [a/**]\n    may_use: [ghost]\n",
    });
    repo.commit("broken score");
    repo.git("checkout", "-q", "-b", "no-score", "main");
    repo.write({ ".github/maestro.yml": null });
    repo.commit("no score");
    repo.git("checkout", "-q", "main");
    const broken = openPullRequest({ "src/a.ts": "export const a = 1;\n" }, { base: "broken-score" });
    const none = openPullRequest({ "src/b.ts": "export const b = 1;\n" }, { base: "no-score" });
    await maestro.deliver("pull_request", pullRequestEvent("opened", broken.number, broken.sha));
    await maestro.deliver("pull_request", pullRequestEvent("opened", none.number, none.sha));
    const invalid = await completedRun(broken.sha);
    expect(invalid).toMatchObject({ conclusion: "failure", output: { title: "Invalid score" } });
    expect(invalid.annotations).toContainEqual(expect.objectContaining({ path: ".github/maestro.yml", start_line: 5 }));
    expect(await completedRun(none.sha)).toMatchObject({ conclusion: "neutral" });
  }, 60_000);

  it("two pushes in a row: the older head is not judged as if current, the newer gets its verdict, the sticky comment ends on the newer", async () => {
    const pr = openPullRequest({
      "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n`,
    });
    repo.git("checkout", "-q", pr.branch);
    repo.write({ "src/domain/order.ts": "export const order = 2;\n" });
    const second = repo.commit("fix");
    repo.git("checkout", "-q", "main");
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    await maestro.deliver("pull_request", pullRequestEvent("synchronize", pr.number, second));
    expect(await completedRun(second)).toMatchObject({ conclusion: "success" });
    // Reviews of one PR run one after another: once the newer one has written, the older is done.
    await stickyComment(pr.number, `<!-- maestro:head ${second} -->`);
    const comments = github.comments.filter((c) => c.issue === pr.number);
    expect(comments).toHaveLength(1);
    // The older head was replaced before it was reviewed: no check run, or one that says so and does not pass.
    const older = github.runsOn(pr.sha);
    expect(older.length).toBeLessThanOrEqual(1);
    for (const run of older)
      expect(run).toMatchObject({
        status: "completed",
        conclusion: "cancelled",
        output: { title: expect.stringMatching(/^Superseded by a newer push/) },
      });
  }, 60_000);

  it("a redelivered webhook does not make a second check run or comment", async () => {
    const pr = openPullRequest({ "src/infra/x.ts": "export const x = 1;\n" });
    const event = pullRequestEvent("opened", pr.number, pr.sha);
    const duplicates = await duplicateWebhooks();
    await maestro.deliver("pull_request", event, { delivery: "redelivered-1" });
    await maestro.deliver("pull_request", event, { delivery: "redelivered-1" });
    await waitFor(async () => (await duplicateWebhooks()) === duplicates + 1, {
      timeout: 5_000,
      what: "the server to drop the redelivery as a duplicate",
      detail: serverLog,
    });
    await completedRun(pr.sha);
    await stickyComment(pr.number);
    expect(github.runsOn(pr.sha)).toHaveLength(1);
    expect(github.comments.filter((c) => c.issue === pr.number)).toHaveLength(1);
  }, 60_000);

  it("a forged signature is rejected and makes no API call", async () => {
    const pr = openPullRequest({ "src/infra/y.ts": "export const y = 1;\n" });
    const before = github.requests.length;
    const answer = await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha), {
      secret: "not-the-secret",
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(github.requests.length).toBe(before);
    // Had the forged webhook been queued, its review would run before this genuine one (one PR's
    // reviews run in order): when the genuine review is done, a second check run would be there.
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    await completedRun(pr.sha);
    await stickyComment(pr.number);
    expect(github.runsOn(pr.sha)).toHaveLength(1);
  }, 60_000);

  it("injected 502s and a secondary rate limit still end in one correct verdict", async () => {
    const pr = openPullRequest({
      "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n`,
    });
    github.faults.push({
      method: "GET",
      path: new RegExp(`/pulls/${pr.number}/files$`),
      status: 502,
      body: { message: "Bad Gateway" },
      remaining: 2,
    });
    github.faults.push({
      method: "GET",
      path: new RegExp(`/tarball/${pr.sha}$`),
      status: 403,
      headers: { "retry-after": "1" },
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      remaining: 1,
    });
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    const run = await completedRun(pr.sha, 45_000);
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "Blocked — 1 new boundary violation" } });
    expect(github.runsOn(pr.sha)).toHaveLength(1);
  }, 60_000);

  it("a merge group gets its own Maestro check on the group's head", async () => {
    repo.git("checkout", "-q", "-b", "gh-readonly-queue/main/pr-1", "main");
    repo.write({ "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n` });
    const head = repo.commit("merge group");
    repo.git("checkout", "-q", "main");
    const base = github.sha("main");
    const payload = recordedPayload("merge_group", "checks_requested", (p) => {
      p.installation = { id: INSTALLATION };
      p.repository = {
        ...(p.repository as object),
        name: REPO,
        full_name: `${OWNER}/${REPO}`,
        owner: { login: OWNER },
      };
      Object.assign(p.merge_group as object, {
        head_sha: head,
        base_sha: base,
        head_ref: "refs/heads/gh-readonly-queue/main/pr-1",
      });
    });
    await maestro.deliver("merge_group", payload);
    expect(await completedRun(head)).toMatchObject({ conclusion: "failure" });
  }, 60_000);

  it("a blocked PR: overridden by a maintainer, pushed again (blocked again), approved by its author (refused), re-reviewed", async () => {
    github.roles.set("max", "maintain");
    github.roles.set("dev", "admin");
    const pr = openPullRequest(
      { "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n` },
      { user: "dev", labels: ["ai-generated"] },
    );
    await maestro.deliver("pull_request", pullRequestEvent("opened", pr.number, pr.sha));
    expect(await completedRun(pr.sha)).toMatchObject({ conclusion: "failure" });
    const say = async (login: string, body: string) => {
      const posted = github.addUserComment(pr.number, login, body);
      const payload = recordedPayload("issue_comment", "created", (p) => {
        Object.assign(p, {
          installation: { id: INSTALLATION },
          repository: {
            ...(p.repository as object),
            name: REPO,
            full_name: `${OWNER}/${REPO}`,
            owner: { login: OWNER },
          },
        });
        Object.assign(p.issue as object, { number: pr.number, pull_request: { url: "" } });
        Object.assign(p.comment as object, { id: posted.id, body, user: { login, type: "User" } });
      });
      expect((await maestro.deliver("issue_comment", payload)).status).toBe(200);
      return posted;
    };
    const runsOn = (sha: string) => github.runsOn(sha).length;

    await say("max", "/maestro override hotfix; the boundary goes in #12");
    await waitFor(() => github.runsOn(pr.sha).at(-1)?.conclusion === "success", {
      what: "the override to turn the check run success",
      detail: serverLog,
    });
    expect(github.runsOn(pr.sha).at(-1)?.output?.title).toMatch(/^Overridden by @max: blocked/);

    repo.git("checkout", "-q", pr.branch);
    repo.write({ "src/domain/more.ts": `import { db } from "../infra/db";\nexport const more = db;\n` });
    const pushed = repo.commit("push again");
    repo.git("checkout", "-q", "main");
    await maestro.deliver("pull_request", pullRequestEvent("synchronize", pr.number, pushed));
    expect(await completedRun(pushed)).toMatchObject({ conclusion: "failure" });

    const refused = await say("dev", "/maestro approve I wrote it, trust me");
    await waitFor(() => github.replies(pr.number).some((c) => c.body.includes("refused")), {
      what: "a reply refusing the author's approve",
      detail: serverLog,
    });
    expect(github.reactions.filter((r) => r.commentId === refused.id).map((r) => r.content)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toContain("the PR's author cannot approve their own PR");

    const before = runsOn(pushed);
    await say("dev", "/maestro re-review");
    await waitFor(() => runsOn(pushed) === before + 1 && github.runsOn(pushed).at(-1)?.status === "completed", {
      what: "a second, completed check run on the pushed commit",
      detail: serverLog,
    });
    expect(github.runsOn(pushed).at(-1)).toMatchObject({ conclusion: "failure" });
  }, 90_000);

  it("every request Maestro made fits GitHub's OpenAPI description", () => {
    expect(github.mismatches).toEqual([]);
    expect(github.requests.length).toBeGreaterThan(20);
  });
});
