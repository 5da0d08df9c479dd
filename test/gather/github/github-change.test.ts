import nock from "nock";
import { ProbotOctokit } from "probot";
import { locateGitHubChange, type SnapshotReader } from "../../../src/gather/github/github-change.js";

const API = "https://api.github.com";
const repo = { owner: "acme", repo: "shop" };
const octokit = new ProbotOctokit({ auth: { token: "test" }, throttle: { enabled: false }, retry: { enabled: false } });
const BASE = "b".repeat(40);
const HEAD = "h".repeat(40);
const OLDER = "0".repeat(40);

const encode = (files: Record<string, string>) =>
  new Map(Object.entries(files).map(([path, text]) => [path, new TextEncoder().encode(text)]));
const snapshots: Record<string, Record<string, string>> = {
  [BASE]: { "src/a.ts": "export const a = 1;\n", "src/big.ts": "one\n" },
  [HEAD]: { "src/a.ts": "export const a = 2;\n", "src/big.ts": "one\ntwo\n", "src/new.ts": "new\n" },
  [OLDER]: { "src/a.ts": "export const a = 3;\n", "src/big.ts": "one\n" },
};
const read: SnapshotReader = async (sha) => encode(snapshots[sha] ?? {});

const pull = (headSha: string, changedFiles = 3) => ({
  number: 7,
  draft: true,
  changed_files: changedFiles,
  user: { login: "copilot-swe-agent[bot]" },
  labels: [{ name: "agent" }],
  head: { sha: headSha, ref: "copilot/fix-7" },
  base: { sha: BASE, ref: "main" },
});
const listed = [
  {
    filename: "src/a.ts",
    status: "modified",
    additions: 1,
    deletions: 1,
    patch: "@@ -1 +1 @@\n-export const a = 1;\n+export const a = 2;",
  },
  // GitHub leaves the patch out of large files: it is computed from the snapshots, never taken for "no change".
  { filename: "src/big.ts", status: "modified", additions: 0, deletions: 0 },
  { filename: "src/new.ts", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+new" },
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

describe("the GitHub change", () => {
  it("of a PR's head is the PR's own file list, read with what GitHub says of the PR now", async () => {
    nock(API).get("/repos/acme/shop/pulls/7").reply(200, pull(HEAD));
    nock(API).get("/repos/acme/shop/pulls/7/files").query({ per_page: 100 }).reply(200, listed);
    const located = await locateGitHubChange(octokit, repo, { kind: "pull", pullNumber: 7, headSha: HEAD }, read);
    expect(located).toMatchObject({
      baseSha: BASE,
      headSha: HEAD,
      olderCommit: false,
      pull: {
        author: "copilot-swe-agent[bot]",
        branch: "copilot/fix-7",
        labels: ["agent"],
        draft: true,
        headSha: HEAD,
        baseRef: "main",
      },
    });
    const change = await located.open();
    expect(change).toMatchObject({ baseSha: BASE, headSha: HEAD, truncated: false, listedFiles: 3 });
    expect(await change.files()).toEqual([
      expect.objectContaining({ path: "src/a.ts", status: "modified", patch: listed[0]?.patch }),
      expect.objectContaining({ path: "src/big.ts", additions: 1, deletions: 0, patch: "@@ -1,1 +1,2 @@\n one\n+two" }),
      expect.objectContaining({ path: "src/new.ts", status: "added" }),
    ]);
    expect((await change.read("head", ["src/new.ts", "src/gone.ts"])).get("src/new.ts")).toEqual({
      kind: "text",
      text: "new\n",
    });
    expect(await change.tree("base")).toEqual(["src/a.ts", "src/big.ts"]);
    expect(change.baseSnapshot.has("src/big.ts")).toBe(true);
  });

  it("of an older commit of the PR is that commit's own change against the base, never the files of a later push", async () => {
    nock(API).get("/repos/acme/shop/pulls/7").reply(200, pull(HEAD));
    nock(API)
      .get(`/repos/acme/shop/compare/${BASE}...${OLDER}`)
      .reply(200, {
        files: [
          {
            filename: "src/a.ts",
            status: "modified",
            additions: 1,
            deletions: 1,
            patch: "@@ -1 +1 @@\n-export const a = 1;\n+export const a = 3;",
          },
        ],
      });
    const located = await locateGitHubChange(octokit, repo, { kind: "pull", pullNumber: 7, headSha: OLDER }, read);
    expect(located).toMatchObject({ olderCommit: true, headSha: OLDER, pull: { headSha: HEAD } });
    expect((await (await located.open()).files()).map((f) => f.path)).toEqual(["src/a.ts"]);
  });

  it("of a merge group is the group's own change, with no PR to read", async () => {
    nock(API).get(`/repos/acme/shop/compare/${BASE}...${HEAD}`).reply(200, { files: listed });
    const located = await locateGitHubChange(
      octokit,
      repo,
      { kind: "merge-group", baseSha: BASE, headSha: HEAD },
      read,
    );
    expect(located.pull).toBeUndefined();
    expect((await (await located.open()).files()).map((f) => f.path)).toEqual(["src/a.ts", "src/big.ts", "src/new.ts"]);
  });

  it("says when GitHub listed only part of a PR's files", async () => {
    nock(API).get("/repos/acme/shop/pulls/7").reply(200, pull(HEAD, 3500));
    nock(API).get("/repos/acme/shop/pulls/7/files").query({ per_page: 100 }).reply(200, listed);
    const change = await (
      await locateGitHubChange(octokit, repo, { kind: "pull", pullNumber: 7, headSha: HEAD }, read)
    ).open();
    expect(change).toMatchObject({ truncated: true, listedFiles: 3 });
  });

  it("fails, rather than judging nothing, when GitHub will not give the PR", async () => {
    nock(API).get("/repos/acme/shop/pulls/7").reply(502, { message: "Bad Gateway" });
    await expect(
      locateGitHubChange(octokit, repo, { kind: "pull", pullNumber: 7, headSha: HEAD }, read),
    ).rejects.toMatchObject({ status: 502 });
  });

  it("fails when a snapshot cannot be read", async () => {
    // The listing is asked for at the same time, and may still be on its way when the snapshot fails.
    nock(API).get(`/repos/acme/shop/compare/${BASE}...${HEAD}`).optionally().reply(200, { files: listed });
    const broken: SnapshotReader = async (sha) =>
      sha === BASE ? Promise.reject(new Error("tarball stream cut")) : read(sha);
    const located = await locateGitHubChange(
      octokit,
      repo,
      { kind: "merge-group", baseSha: BASE, headSha: HEAD },
      broken,
    );
    await expect(located.open()).rejects.toThrow("tarball stream cut");
  });

  it("reads the files' recent history in one GraphQL query, the paths as variables, counted as git would", async () => {
    nock(API).get(`/repos/acme/shop/compare/${BASE}...${HEAD}`).reply(200, { files: listed });
    const node = (date: string, headline: string, parents = 1) => ({
      committedDate: date,
      messageHeadline: headline,
      parents: { totalCount: parents },
    });
    let asked: { query: string; variables: Record<string, unknown> } | undefined;
    nock(API)
      .post("/graphql", (body) => ((asked = body), true))
      .reply(200, {
        data: {
          repository: {
            object: {
              committedDate: "2026-06-30T12:00:00Z",
              f0: {
                nodes: [
                  node("2026-06-20T00:00:00Z", "fix(core): a crash"),
                  node("2026-06-10T00:00:00Z", "Merge pull request #9 from fix/x", 2),
                  node("2026-05-01T00:00:00Z", "feat: more"),
                  node("2026-03-01T00:00:00Z", "fix: before the window"),
                ],
              },
              f1: { nodes: [] },
              f2: null,
            },
          },
        },
      });
    const change = await (
      await locateGitHubChange(octokit, repo, { kind: "merge-group", baseSha: BASE, headSha: HEAD }, read)
    ).open();
    const paths = ["src/a.ts", 'src/"quoted") { x }.ts', "src/gone.ts"];
    const history = await change.history?.(paths);
    expect(Object.fromEntries(history ?? [])).toEqual({
      "src/a.ts": { changes: 2, fixes: 1 },
      'src/"quoted") { x }.ts': { changes: 0, fixes: 0 },
      "src/gone.ts": { changes: 0, fixes: 0 },
    });
    expect(asked?.variables).toEqual({
      owner: "acme",
      name: "shop",
      oid: BASE,
      p0: paths[0],
      p1: paths[1],
      p2: paths[2],
    });
    expect(asked?.query).not.toContain("quoted");
  });

  it("asks one query per hundred files", async () => {
    nock(API).get(`/repos/acme/shop/compare/${BASE}...${HEAD}`).reply(200, { files: listed });
    const sizes: number[] = [];
    nock(API)
      .post(
        "/graphql",
        (body: { variables: Record<string, unknown> }) => (sizes.push(Object.keys(body.variables).length - 3), true),
      )
      .times(2)
      .reply(200, { data: { repository: { object: { committedDate: "2026-06-30T12:00:00Z" } } } });
    const change = await (
      await locateGitHubChange(octokit, repo, { kind: "merge-group", baseSha: BASE, headSha: HEAD }, read)
    ).open();
    const history = await change.history?.(Array.from({ length: 150 }, (_, i) => `src/f${i}.ts`));
    expect(sizes).toEqual([100, 50]);
    expect(history?.size).toBe(150);
  });
});
