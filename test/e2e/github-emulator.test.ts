import { Octokit } from "@octokit/rest";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { GitHubEmulator } from "./github-emulator.js";
import { checkWebhook } from "./openapi-validator.js";
import { emulatedPull, pullRequestPayload, pushPayload } from "./webhook-payloads.js";

/**
 * The emulator answers as GitHub does, through GitHub's own client: open PRs listed by base and last
 * update, the other PRs' files in one GraphQL request, issues written and searched (with search's
 * lag), and a merge or a push moving the base. Every request fits GitHub's OpenAPI description.
 */
let repo: TestRepo;
let github: GitHubEmulator;
let octokit: Octokit;
const at = { owner: "acme", repo: "shop" };

/** A branch off `base` with `files` committed, registered as PR `number` by `user`. */
function openPull(number: number, files: Record<string, string | null>, base = "main", user = "dev") {
  repo.git("checkout", "-q", "-b", `pr-${number}`, base);
  repo.write(files);
  const sha = repo.commit(`pr ${number}`);
  repo.git("checkout", "-q", "main");
  github.pulls.set(number, { number, headRef: `pr-${number}`, baseRef: base, user, labels: [], draft: false });
  return sha;
}

beforeAll(async () => {
  repo = createRepo();
  repo.write({ "src/a.ts": "export const a = 1;\n", "src/b.ts": "export const b = 1;\n" });
  repo.commit("main");
  repo.git("branch", "release");
  github = new GitHubEmulator("acme", "shop", repo.dir);
  await github.start();
  // Quiet: the requests answered 4xx and 5xx on purpose are asserted, not logged.
  const quiet = () => undefined;
  octokit = new Octokit({
    baseUrl: `http://127.0.0.1:${github.port}`,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  openPull(1, { "src/a.ts": "export const a = 2;\n" });
  openPull(2, { "src/b.ts": "export const b = 2;\n", "src/c.ts": "export const c = 1;\n" });
  openPull(3, { "src/a.ts": "export const a = 3;\n" }, "release");
  openPull(4, { "src/d.ts": "export const d = 1;\n" });
});

afterAll(async () => {
  expect(github.mismatches).toEqual([]);
  await github?.stop();
});

describe("the GitHub emulator: open PRs", () => {
  it("lists the open PRs on one base, most recently updated first, a page at a time with a Link to the next", async () => {
    const pr2 = github.pulls.get(2);
    if (pr2) pr2.updatedAt = new Date().toISOString();
    const first = await octokit.rest.pulls.list({
      ...at,
      state: "open",
      base: "main",
      sort: "updated",
      direction: "desc",
      per_page: 2,
    });
    expect(first.data.map((p) => p.number)).toEqual([2, 4]);
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.pulls.list, {
      ...at,
      base: "main",
      sort: "updated",
      direction: "desc",
      per_page: 2,
    });
    expect(all.map((p) => p.number)).toEqual([2, 4, 1]);
    expect(all[0]).toMatchObject({ updated_at: pr2?.updatedAt, base: { ref: "main" }, user: { login: "dev" } });
    // Without a sort: newest created first; `updated` alone sorts oldest first, as GitHub's default direction.
    expect((await octokit.rest.pulls.list({ ...at })).data.map((p) => p.number)).toEqual([4, 3, 2, 1]);
    expect((await octokit.rest.pulls.list({ ...at, sort: "updated" })).data.map((p) => p.number)).toEqual([1, 3, 4, 2]);
  });

  it("batches the other PRs' files in one GraphQL request; a PR that does not exist is null with GitHub's NOT_FOUND", async () => {
    const before = github.requests.length;
    const wide: Record<string, string> = {};
    for (let i = 0; i < 101; i++) wide[`wide/f${String(i).padStart(3, "0")}.ts`] = `export const f = ${i};\n`;
    const wideHead = openPull(5, wide);
    const query = `query($owner: String!, $repo: String!) {
  repository(owner: $owner, name: $repo) {
    pr2: pullRequest(number: 2) { headRefOid files(first: 100) { totalCount nodes { path } } }
    pr5: pullRequest(number: 5) { headRefOid files(first: 100) { totalCount nodes { path } } }
    pr77: pullRequest(number: 77) { headRefOid files(first: 100) { totalCount nodes { path } } }
  }
}`;
    const answer = await octokit.request("POST /graphql", { query, variables: { owner: "acme", repo: "shop" } });
    expect(github.requests.length - before).toBe(1);
    const data = answer.data as {
      data: { repository: Record<string, { headRefOid: string; files: { totalCount: number; nodes: unknown[] } }> };
      errors: unknown[];
    };
    expect(data.data.repository.pr2).toEqual({
      headRefOid: github.sha("pr-2"),
      files: { totalCount: 2, nodes: [{ path: "src/b.ts" }, { path: "src/c.ts" }] },
    });
    expect(data.data.repository.pr5?.headRefOid).toBe(wideHead);
    expect(data.data.repository.pr5?.files.totalCount).toBe(101);
    expect(data.data.repository.pr5?.files.nodes).toHaveLength(100);
    expect(data.data.repository.pr77).toBeNull();
    expect(data.errors).toEqual([
      {
        type: "NOT_FOUND",
        path: ["repository", "pr77"],
        locations: [{ line: 5, column: 5 }],
        message: "Could not resolve to a PullRequest with the number of 77.",
      },
    ]);
    github.pulls.delete(5);
  });

  it("answers every GraphQL request 502 while GraphQL is down, and counts each", async () => {
    github.graphqlDown = true;
    const before = github.requests.length;
    await expect(
      octokit.graphql(
        `query { repository(owner: "acme", name: "shop") { pr1: pullRequest(number: 1) { headRefOid } } }`,
      ),
    ).rejects.toMatchObject({ status: 502 });
    expect(github.requests.slice(before)).toEqual([expect.objectContaining({ path: "/graphql", status: 502 })]);
    github.graphqlDown = false;
    const answer = await octokit.graphql<{ repository: { pr1: { headRefOid: string } } }>(
      `query { repository(owner: "acme", name: "shop") { pr1: pullRequest(number: 1) { headRefOid } } }`,
    );
    expect(answer.repository.pr1.headRefOid).toBe(github.sha("pr-1"));
  });
});

describe("the GitHub emulator: issues", () => {
  it("creates, reads and edits an issue as Maestro's bot, numbered after the PRs; a PR cannot take its number", async () => {
    const created = await octokit.rest.issues.create({
      ...at,
      title: "Maestro podium",
      body: "<!-- maestro:podium -->\nNothing is playing.",
      labels: ["maestro"],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 5,
      title: "Maestro podium",
      body: "<!-- maestro:podium -->\nNothing is playing.",
      state: "open",
      user: { login: "maestro[bot]", type: "Bot" },
      labels: [expect.objectContaining({ name: "maestro" })],
      html_url: expect.stringMatching(/\/acme\/shop\/issues\/5$/),
    });
    expect(created.data.id).toEqual(expect.any(Number));
    expect(created.data.node_id).toEqual(expect.any(String));
    expect(() =>
      github.pulls.set(5, { number: 5, headRef: "pr-1", baseRef: "main", user: "x", labels: [], draft: false }),
    ).toThrow("#5 is an issue");
    expect(github.nextNumber()).toBe(6);

    const edited = await octokit.rest.issues.update({ ...at, issue_number: 5, body: "<!-- maestro:podium -->\nOne." });
    expect(edited.data.body).toBe("<!-- maestro:podium -->\nOne.");
    expect((await octokit.rest.issues.get({ ...at, issue_number: 5 })).data).toMatchObject({
      body: "<!-- maestro:podium -->\nOne.",
      state: "open",
    });
    expect(github.issues).toEqual([
      expect.objectContaining({ number: 5, title: "Maestro podium", state: "open", edits: 1 }),
    ]);
    await octokit.rest.issues.update({ ...at, issue_number: 5, state: "closed" });
    expect(github.issues[0]).toMatchObject({ state: "closed", edits: 2 });
    await octokit.rest.issues.update({ ...at, issue_number: 5, state: "open" });
    await expect(octokit.rest.issues.get({ ...at, issue_number: 99 })).rejects.toMatchObject({ status: 404 });
    const mine = await octokit.rest.issues.listForRepo({ ...at, creator: "maestro[bot]", state: "all" });
    expect(mine.data.map((i) => i.number)).toEqual([5]);
  });

  it("gives a PR's issue form with the GitHub App that opened it", async () => {
    const pr = github.pulls.get(4);
    if (pr) pr.app = { id: 1143301, slug: "copilot-swe-agent" };
    const asIssue = await octokit.rest.issues.get({ ...at, issue_number: 4 });
    expect(asIssue.data).toMatchObject({
      number: 4,
      pull_request: { url: expect.stringContaining("/pulls/4") },
      performed_via_github_app: { id: 1143301, slug: "copilot-swe-agent" },
    });
    expect((await octokit.rest.issues.get({ ...at, issue_number: 1 })).data.performed_via_github_app).toBeNull();
  });

  it("searches by repo, kind, state, field, phrase and words, and finds an issue only once search's index has it", async () => {
    const search = async (q: string) => {
      const { data } = await octokit.rest.search.issuesAndPullRequests({ q });
      return { total: data.total_count, incomplete: data.incomplete_results, numbers: data.items.map((i) => i.number) };
    };
    expect(await search('repo:acme/shop is:issue is:open in:body "maestro:podium"')).toEqual({
      total: 1,
      incomplete: false,
      numbers: [5],
    });
    expect((await search("repo:acme/shop is:issue in:title one")).numbers).toEqual([]);
    expect((await search("repo:acme/shop is:issue in:body one")).numbers).toEqual([5]);
    expect((await search("repo:acme/shop is:issue in:title Podium maestro")).numbers).toEqual([5]);
    expect((await search('repo:acme/shop is:issue "podium maestro"')).numbers).toEqual([]);
    expect((await search("repo:acme/other is:issue podium")).numbers).toEqual([]);
    expect((await search("repo:acme/shop is:issue is:closed podium")).numbers).toEqual([]);
    expect((await search("repo:acme/shop PR")).numbers).toEqual([4, 3, 2, 1]);

    const old = github.addIssue({ title: "Old podium", body: "<!-- maestro:podium -->", user: "max" });
    github.searchLagMs = 60_000;
    const fresh = await octokit.rest.issues.create({ ...at, title: "Maestro podium", body: "<!-- maestro:podium -->" });
    await octokit.rest.issues.update({ ...at, issue_number: old.number, body: "<!-- maestro:stage -->" });
    // Within the lag, only what was indexed before it: not #5 (written moments ago) nor the new issue;
    // the one edited is found as it was, by its old body.
    expect((await search('repo:acme/shop is:issue "maestro:podium"')).numbers).toEqual([old.number]);
    expect((await search('repo:acme/shop is:issue "maestro:stage"')).numbers).toEqual([]);
    github.searchLagMs = 0;
    expect((await search('repo:acme/shop is:issue "maestro:podium"')).numbers).toEqual([fresh.data.number, 5]);
    expect((await search('repo:acme/shop is:issue "maestro:stage"')).numbers).toEqual([old.number]);
  });
});

describe("the GitHub emulator: merges and pushes", () => {
  it("merges a PR with a merge commit: closed and merged, out of the open list, its files still its own", async () => {
    const sha = github.merge(1);
    expect(repo.git("rev-list", "--parents", "-n", "1", "main").split(" ")).toEqual([
      sha,
      expect.any(String),
      github.sha("pr-1"),
    ]);
    expect(repo.git("show", "main:src/a.ts")).toBe("export const a = 2;");
    const { data } = await octokit.rest.pulls.get({ ...at, pull_number: 1 });
    expect(data).toMatchObject({ state: "closed", merged: true, merge_commit_sha: sha, changed_files: 1 });
    expect(data.merged_at).toEqual(expect.any(String));
    expect((await octokit.rest.pulls.listFiles({ ...at, pull_number: 1 })).data.map((f) => f.filename)).toEqual([
      "src/a.ts",
    ]);
    expect((await octokit.rest.pulls.list({ ...at })).data.map((p) => p.number)).not.toContain(1);
    expect((await octokit.rest.pulls.list({ ...at, state: "closed" })).data).toEqual([
      expect.objectContaining({ number: 1, merged_at: data.merged_at }),
    ]);
    expect(() => github.merge(1)).toThrow("#1 is not open");
    const closed = pullRequestPayload(github, "closed", emulatedPull(github, 1));
    expect(checkWebhook("pull_request", "closed", closed)).toBeUndefined();
    expect(closed.pull_request).toMatchObject({
      merged: true,
      merge_commit_sha: sha,
      head: { sha: github.sha("pr-1") },
    });
  });

  it("pushes a commit to the base branch and says what it touched; the working tree stays where it was", async () => {
    const before = github.sha("main");
    repo.git("checkout", "-q", "pr-2");
    const push = github.pushToBase(
      "main",
      { "src/b.ts": "export const b = 9;\n", "src/e.ts": "e\n", "src/a.ts": null },
      "hotfix",
    );
    expect(push).toEqual({
      ref: "refs/heads/main",
      before,
      after: github.sha("main"),
      commits: [
        {
          id: github.sha("main"),
          message: "hotfix",
          added: ["src/e.ts"],
          removed: ["src/a.ts"],
          modified: ["src/b.ts"],
        },
      ],
      paths: ["src/a.ts", "src/b.ts", "src/e.ts"],
    });
    expect(repo.git("rev-parse", "--abbrev-ref", "HEAD")).toBe("pr-2");
    expect(checkWebhook("push", undefined, pushPayload(github, push))).toBeUndefined();
    expect(repo.git("show", "main:src/b.ts")).toBe("export const b = 9;");
    repo.git("checkout", "-q", "main");
  });
});
