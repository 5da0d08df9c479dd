import nock from "nock";
import { ProbotOctokit } from "probot";
import {
  OPEN_PULLS_COMPARED,
  readOpenPulls,
  type KnownVerdict,
  type PullFiles,
} from "../../../src/gather/github/open-pulls.js";
import { graphqlArguments, parseGraphql } from "../../e2e/parse-graphql.js";
import { rejectUnmockedRequests } from "../../helpers/unmocked-requests.js";

/**
 * The other open PRs a review compares itself with, as GitHub answers for them: one listing, one GraphQL query for the
 * files of heads not cached, REST one PR at a time when GraphQL fails. Retries off, so a 502 is not waited on.
 */
const API = "https://api.github.com";
const repo = { owner: "acme", repo: "shop" };
const octokit = new ProbotOctokit({ auth: { token: "test" }, throttle: { enabled: false }, retry: { enabled: false } });
const SELF = 1;

const sha = (n: number, round = 0) => `${round}${String(n).padStart(39, "0")}`;

/** An open PR as `GET /pulls` lists it (the fields Maestro reads, in GitHub's shape). */
const listedPull = (n: number, round = 0) => ({
  number: n,
  state: "open",
  user: { login: `agent-${n}[bot]`, id: 41_000 + n, type: "Bot" },
  labels: [{ id: n, name: "ai-generated" }],
  head: { sha: sha(n, round), ref: `agent/${n}` },
  base: { sha: "b".repeat(40), ref: "main" },
  updated_at: `2026-11-${String(20 - (n % 10)).padStart(2, "0")}T10:00:00Z`,
});

/** The listing Maestro asks for: open PRs on `main`, the most recently updated first, one more than compared. */
const listing = (pulls: readonly ReturnType<typeof listedPull>[], headers: Record<string, string> = {}) =>
  nock(API)
    .get("/repos/acme/shop/pulls")
    .query({ state: "open", base: "main", sort: "updated", direction: "desc", per_page: 51 })
    .reply(200, pulls, headers);

/**
 * The PR numbers a batched files query asks for, after checking it has the shape GitHub answers: `repository(owner:,
 * name:)` from variables, and under it `pr<N>: pullRequest(number: N) { headRefOid files(first: 100) { totalCount
 * nodes { path } } }` per PR. Anything else throws, so the interceptor does not match.
 */
function askedPulls(body: { query?: string; variables?: Record<string, unknown> }): number[] {
  const variables = body.variables ?? {};
  const [top, ...rest] = parseGraphql(body.query ?? "");
  if (!top || rest.length > 0 || top.name !== "repository") throw new Error("not one repository");
  expect(graphqlArguments(top.args, variables)).toEqual({ owner: "acme", name: "shop" });
  return top.selection.map((field) => {
    const number = graphqlArguments(field.args, variables).number as number;
    expect(field).toMatchObject({ alias: `pr${number}`, name: "pullRequest" });
    const [oid, files] = field.selection;
    expect(oid).toMatchObject({ name: "headRefOid", selection: [] });
    expect(files).toMatchObject({ name: "files", selection: [{ name: "totalCount" }, { name: "nodes" }] });
    expect(graphqlArguments(files?.args ?? "", variables)).toEqual({ first: 100 });
    expect(files?.selection[1]?.selection.map((f) => f.name)).toEqual(["path"]);
    return number;
  });
}

/** Each PR's node as GitHub answers it: its head, and its files (`totalCount` beyond the nodes when more). */
const node = (n: number, files: readonly string[], head = sha(n), totalCount = files.length) => ({
  headRefOid: head,
  files: { totalCount, nodes: files.map((path) => ({ path })) },
});

/** Answers the batched query with `answer(numbers asked)`, and records what each request asked for. */
function graphqlFiles(answer: (asked: number[]) => unknown, status = 200) {
  const asked: number[][] = [];
  const scope = nock(API)
    .post("/graphql", (body) => (asked.push(askedPulls(body)), true))
    .reply(status, (_uri, body) => answer(askedPulls(body as { query: string })));
  return { scope, asked };
}

/** Every asked PR with one file, `src/<n>.ts`, at the head listed. */
const filesOf = (asked: number[]) => ({
  data: { repository: Object.fromEntries(asked.map((n) => [`pr${n}`, node(n, [`src/${n}.ts`])])) },
});

const newCache = () => new Map<string, PullFiles>();

rejectUnmockedRequests();
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("the other open PRs a review reads", () => {
  it("are the open PRs on the base, most recently updated first, without the PR under review", async () => {
    listing([listedPull(3), listedPull(SELF), listedPull(2)]);
    graphqlFiles(filesOf);
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files: newCache() });
    expect(others).toEqual({
      base: "main",
      more: false,
      pulls: [
        {
          number: 3,
          author: "agent-3[bot]",
          authorId: 41_003,
          authorType: "Bot",
          branch: "agent/3",
          labels: ["ai-generated"],
          headSha: sha(3),
          updatedAt: listedPull(3).updated_at,
          files: ["src/3.ts"],
          filesComplete: true,
        },
        expect.objectContaining({ number: 2, files: ["src/2.ts"], filesComplete: true }),
      ],
    });
  });

  it("say there are more when 51 others are listed, and compare only the 50 most recently updated", async () => {
    const pulls = Array.from({ length: 51 }, (_, i) => listedPull(i + 2));
    listing(pulls);
    const { asked } = graphqlFiles(filesOf);
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files: newCache() });
    expect(others.more).toBe(true);
    expect(others.pulls.map((p) => p.number)).toEqual(pulls.slice(0, 50).map((p) => p.number));
    expect(asked).toEqual([pulls.slice(0, OPEN_PULLS_COMPARED).map((p) => p.number)]);
  });

  it("with the PR under review among 51 listed, compare the 50 others and say there are no more", async () => {
    const pulls = [listedPull(SELF), ...Array.from({ length: 50 }, (_, i) => listedPull(i + 2))];
    listing(pulls);
    graphqlFiles(filesOf);
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files: newCache() });
    expect(others.more).toBe(false);
    expect(others.pulls).toHaveLength(50);
  });

  it("say there are more when GitHub links a next page", async () => {
    listing([listedPull(2)], { link: '<https://api.github.com/repositories/1/pulls?page=2>; rel="next"' });
    graphqlFiles(filesOf);
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files: newCache() });
    expect(others.more).toBe(true);
  });

  it("ask GraphQL only for heads not cached, and a second review of the same heads makes no GraphQL request", async () => {
    const files = newCache();
    files.set(`acme/shop@${sha(2)}`, { files: ["src/cached.ts"], complete: true });
    listing([listedPull(2), listedPull(3), listedPull(4)]);
    const { asked } = graphqlFiles(filesOf);
    const first = await readOpenPulls(octokit, repo, "main", SELF, { files });
    expect(asked).toEqual([[3, 4]]);
    expect(first.pulls.map((p) => p.files)).toEqual([["src/cached.ts"], ["src/3.ts"], ["src/4.ts"]]);

    listing([listedPull(4), listedPull(3), listedPull(2)]);
    const second = await readOpenPulls(octokit, repo, "main", SELF, { files });
    expect(second.pulls.map((p) => p.files)).toEqual([["src/4.ts"], ["src/3.ts"], ["src/cached.ts"]]);
  });

  it("leave unread a PR whose head moved between the listing and the query: those files are another commit's", async () => {
    const files = newCache();
    listing([listedPull(2), listedPull(3)]);
    graphqlFiles(() => ({
      data: { repository: { pr2: node(2, ["src/new-push.ts"], sha(2, 1)), pr3: node(3, ["src/3.ts"]) } },
    }));
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files });
    expect(others.pulls).toEqual([
      expect.not.objectContaining({ files: expect.anything() }),
      expect.objectContaining({ number: 3, files: ["src/3.ts"] }),
    ]);
    expect(others.pulls[0]).toMatchObject({ number: 2, filesComplete: false });
    // Nor are they cached under the listed head: the next review asks again.
    expect(files.has(`acme/shop@${sha(2)}`)).toBe(false);
  });

  it("keep the others' files when GraphQL answers in part (a PR closed since the listing)", async () => {
    listing([listedPull(7), listedPull(3)]);
    graphqlFiles(() => ({
      data: { repository: { pr7: null, pr3: node(3, ["src/3.ts"]) } },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["repository", "pr7"],
          locations: [{ line: 3, column: 5 }],
          message: "Could not resolve to a PullRequest with the number of 7.",
        },
      ],
    }));
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files: newCache() });
    expect(others.pulls).toEqual([
      expect.objectContaining({ number: 7, filesComplete: false }),
      expect.objectContaining({ number: 3, files: ["src/3.ts"], filesComplete: true }),
    ]);
    expect(others.pulls[0]).not.toHaveProperty("files");
  });

  it("are listed one PR at a time through REST when GraphQL fails (502), and the app is told", async () => {
    listing([listedPull(2), listedPull(3)]);
    graphqlFiles(() => ({ message: "Server Error" }), 502);
    nock(API)
      .get("/repos/acme/shop/pulls/2/files")
      .query({ per_page: 100 })
      .reply(200, [{ filename: "src/moved.ts", previous_filename: "src/old.ts", status: "renamed" }])
      .get("/repos/acme/shop/pulls/3/files")
      .query({ per_page: 100 })
      .reply(200, [{ filename: "src/3.ts", status: "modified" }]);
    const told: unknown[] = [];
    const files = newCache();
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files, onFallback: (e) => told.push(e) });
    expect(others.pulls).toEqual([
      expect.objectContaining({ number: 2, files: ["src/moved.ts", "src/old.ts"], filesComplete: true }),
      expect.objectContaining({ number: 3, files: ["src/3.ts"], filesComplete: true }),
    ]);
    expect(told).toEqual([expect.objectContaining({ status: 502 })]);
    expect(files.get(`acme/shop@${sha(3)}`)).toEqual({ files: ["src/3.ts"], complete: true });
  });

  it("are not read at all when GraphQL says the rate limit is spent (403): REST would only spend it faster", async () => {
    listing([listedPull(2), listedPull(3)]);
    nock(API)
      .post("/graphql")
      .reply(
        403,
        { message: "API rate limit exceeded for installation ID 5." },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000000" },
      );
    const told: unknown[] = [];
    await expect(
      readOpenPulls(octokit, repo, "main", SELF, { files: newCache(), onFallback: (e) => told.push(e) }),
    ).rejects.toMatchObject({ status: 403 });
    expect(told).toEqual([]);
  });

  it("are named compared in part when GitHub counts more files than it gave", async () => {
    listing([listedPull(2)]);
    const hundred = Array.from({ length: 100 }, (_, i) => `src/f${i}.ts`);
    graphqlFiles(() => ({ data: { repository: { pr2: node(2, hundred, sha(2), 140) } } }));
    const others = await readOpenPulls(octokit, repo, "main", SELF, { files: newCache() });
    expect(others.pulls[0]).toMatchObject({ number: 2, filesComplete: false, files: hundred });
  });

  it("carry Maestro's last verdict on a PR only when it was given on the head listed now", async () => {
    listing([listedPull(2), listedPull(3)]);
    graphqlFiles(filesOf);
    const asked: (readonly number[])[] = [];
    const known = new Map<number, KnownVerdict>([
      [2, { head: sha(2), verdict: "block", risk: 72 }],
      [3, { head: sha(3, 9), verdict: "pass", risk: 5 }],
    ]);
    const others = await readOpenPulls(octokit, repo, "main", SELF, {
      files: newCache(),
      verdicts: async (numbers) => (asked.push(numbers), known),
    });
    expect(asked).toEqual([[2, 3]]);
    expect(others.pulls[0]).toMatchObject({ number: 2, verdict: "block", risk: 72 });
    expect(others.pulls[1]).not.toHaveProperty("verdict");
    expect(others.pulls[1]).not.toHaveProperty("risk");
  });
});
