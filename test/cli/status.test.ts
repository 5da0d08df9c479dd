import nock from "nock";
import { applyPodiumEvents } from "../../src/report/podium/apply-podium-events.js";
import type { PodiumEvent } from "../../src/report/podium/podium-event-schema.js";
import { renderPodium } from "../../src/report/podium/render-podium.js";
import { maestroWithEnv } from "../helpers/git-repo.js";

/** `maestro status`: the podium issue, found by its marker through GitHub's search, printed for a terminal. */
const API = "https://api.github.com";
const now = Date.now();
const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
const reviewed = (pr: number, fields: Partial<Extract<PodiumEvent, { kind: "reviewed" }>>): PodiumEvent => ({
  kind: "reviewed",
  pr,
  head: `sha${pr}`,
  agent: "codex",
  author: "codex[bot]",
  human: false,
  verdict: "pass",
  risk: 10,
  modules: ["app"],
  contention: [],
  at: ago(1),
  ...fields,
});
const state = applyPodiumEvents(
  undefined,
  [
    reviewed(4, { verdict: "block", risk: 85, at: ago(5) }),
    { kind: "signed-off", pr: 4, by: "lead", override: true, at: ago(4) },
    { kind: "closed", pr: 4, merged: true, at: ago(3) },
    reviewed(11, { verdict: "conductor", risk: 45, contention: [12], at: ago(2) }),
    reviewed(12, { agent: "copilot", author: "Copilot", modules: ["app", "ui"], at: ago(1) }),
    reviewed(13, { agent: "alice", author: "alice", human: true, contention: [12], at: ago(1) }),
  ],
  new Date(now),
);
const PODIUM = renderPodium(state, new Date(now));
const Q = 'repo:acme/shop is:issue in:title "Maestro podium"';
const issue = (number: number, body: string, type = "Bot") => ({
  number,
  html_url: `https://github.com/acme/shop/issues/${number}`,
  body,
  user: { login: type === "Bot" ? "maestro[bot]" : "mallory", type },
});

const status = (env: Record<string, string>, ...args: string[]) =>
  maestroWithEnv(process.cwd(), env, "status", "--repo", "acme/shop", ...args);
const search = (items: unknown[]) =>
  nock(API, { reqheaders: { authorization: "token ghp_test" } })
    .get("/search/issues")
    .query({ q: Q, sort: "created", order: "asc", per_page: "20" })
    .reply(200, { total_count: items.length, incomplete_results: false, items });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("maestro status", () => {
  it("prints the podium as JSON: the issue, every open agent PR with its contention, and the records", async () => {
    // Anyone may paste the marker: a person's issue is never taken for the podium.
    const scope = search([issue(3, PODIUM, "User"), issue(5, PODIUM)]);
    const run = await status({ GITHUB_TOKEN: "ghp_test" }, "--format", "json");
    expect(scope.isDone()).toBe(true);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toEqual({
      issue: { number: 5, url: "https://github.com/acme/shop/issues/5", updatedAt: state.updatedAt },
      pulls: [
        {
          pr: 11,
          agent: "codex",
          author: "codex[bot]",
          head: "sha11",
          verdict: "conductor",
          risk: 45,
          modules: ["app"],
          waitingSince: ago(2),
          contention: [12],
        },
        {
          pr: 12,
          agent: "copilot",
          author: "Copilot",
          head: "sha12",
          verdict: "pass",
          risk: 10,
          modules: ["app", "ui"],
          waitingSince: null,
          contention: [11, 13],
        },
      ],
      records: [
        {
          agent: "codex",
          days: 30,
          judged: 2,
          pass: 0,
          conductor: 1,
          block: 1,
          everBlocked: 1,
          signOffs: 0,
          overrides: 1,
          mergedAfterOverride: 1,
        },
        {
          agent: "copilot",
          days: 30,
          judged: 1,
          pass: 1,
          conductor: 0,
          block: 0,
          everBlocked: 0,
          signOffs: 0,
          overrides: 0,
          mergedAfterOverride: 0,
        },
      ],
    });
  });

  it("prints it as text by default", async () => {
    search([issue(5, PODIUM)]);
    const run = await status({ GITHUB_TOKEN: "ghp_test" });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Maestro podium of acme/shop (issue #5, updated ${state.updatedAt})`,
        "",
        "Open agent PRs (2):",
        `  #11  codex  conductor  risk 45  modules app  waiting for sign-off since ${ago(2)}  contention #12`,
        "  #12  copilot  pass  risk 10  modules app, ui  contention #11, #13",
        "",
        "Records (last 30 days):",
        "  codex  judged 2: 0 pass, 1 conductor, 1 block; blocked at least once 1; signed off 0; overridden 1; merged after an override 1",
        "  copilot  judged 1: 1 pass, 0 conductor, 0 block; blocked at least once 0; signed off 0; overridden 0; merged after an override 0",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 with a clear message when the repository has no podium, or one whose state does not read", async () => {
    search([issue(3, PODIUM, "User"), issue(4, `someone quoted it\n${PODIUM}`)]);
    expect(await status({ GITHUB_TOKEN: "ghp_test" })).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "maestro status: acme/shop has no podium issue: the app keeps one when the score has `podium: true`, from its next review\n",
    });
    search([issue(5, PODIUM.replace(/"version":1/, '"version":9'))]);
    expect(await status({ GITHUB_TOKEN: "ghp_test" })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("the podium issue acme/shop#5 holds no state Maestro can read"),
    });
  });

  it("exits 2 with a one-line message for a refused token, an unreachable GitHub, or no token", async () => {
    nock(API).get("/search/issues").query(true).reply(401, { message: "Bad credentials" });
    expect(await status({ GITHUB_TOKEN: "bad" })).toMatchObject({
      code: 2,
      stderr: "maestro status: GITHUB_TOKEN was refused by GitHub (401): is it valid?\n",
    });
    nock(API).get("/search/issues").query(true).replyWithError("connect ECONNREFUSED");
    expect(await status({ GITHUB_TOKEN: "ghp_test" })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^maestro status: cannot read acme\/shop's podium from GitHub: .*ECONNREFUSED.*\n$/,
      ),
    });
    expect(await status({})).toMatchObject({ code: 2, stderr: expect.stringContaining("GITHUB_TOKEN is not set") });
    expect(await status({ GITHUB_TOKEN: "x" }, "--format", "sarif")).toMatchObject({
      code: 2,
      stderr: 'maestro status: --format must be text or json (got "sarif")\n',
    });
  });
});
