import nock from "nock";
import { Probot } from "probot";
import { createMaestroOctokit } from "../../src/app/maestro-octokit.js";
import { reconcileChecks, type ReconcileLimits } from "../../src/app/reconcile-checks.js";
import type { ReviewJob } from "../../src/app/review-job.js";
import { scheduleReconcile } from "../../src/app/schedule-reconcile.js";
import { waitFor } from "../e2e/wait-for.js";
import { API, testPrivateKey } from "../helpers/github-fixture.js";

/**
 * The reconciler's bounds, against mocked GitHub: which check runs it reviews again (this app's,
 * unfinished, past the timeout, on open PRs) and how far it may go (a request cap, the rate limit).
 */
const APP_ID = 1;
const NOW = Date.parse("2025-06-01T12:00:00Z");
const LONG_AGO = "2025-06-01T11:00:00Z";
const JUST_NOW = "2025-06-01T11:59:30Z";
const LIMITS: ReconcileLimits = { staleSeconds: 600, maxRequests: 500, minRateRemaining: 100, pullsPerRepo: 100 };

interface Logged {
  level: string;
  message: string;
}

function recordingLog(into: Logged[]) {
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void into.push({ level, message: args.filter((a) => typeof a === "string").join(" ") });
  const log = {
    fatal: at("fatal"),
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
    trace: at("trace"),
    level: "trace",
    child: () => log,
  };
  return log as never;
}

function sweeper() {
  const logged: Logged[] = [];
  const queued: ReviewJob[] = [];
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testPrivateKey,
    Octokit: createMaestroOctokit({ enabled: false }).defaults({ retry: { enabled: false } }),
    log: recordingLog(logged),
  });
  const deps = {
    auth: (id?: number) => probot.auth(id),
    enqueue: async (job: ReviewJob) => void queued.push(job),
    log: recordingLog(logged),
    now: () => NOW,
  };
  return { deps, queued, logged, errors: () => logged.filter((l) => l.level === "error" || l.level === "fatal") };
}

const run = (id: number, sha: string, fields: Record<string, unknown>) => ({
  id,
  head_sha: sha,
  name: "Maestro",
  status: "in_progress",
  started_at: LONG_AGO,
  app: { id: APP_ID },
  ...fields,
});
const pull = (number: number, sha: string) => ({ number, head: { sha } });
const sha = (c: string) => c.repeat(40);

/** The app, its installations, and each installation's token and repositories. */
function mockApp(installations: { id: number; repos: string[] }[], scope = nock(API)) {
  scope.get("/app").reply(200, { id: APP_ID, slug: "maestro" });
  scope
    .get("/app/installations")
    .query({ per_page: 100, page: 1 })
    .reply(
      200,
      installations.map(({ id }) => ({ id, account: { login: "acme" }, suspended_at: null })),
    );
  for (const { id, repos } of installations) {
    scope
      .post(`/app/installations/${id}/access_tokens`)
      .reply(201, { token: `t-${id}`, expires_at: "2099-01-01T00:00:00Z" });
    scope
      .get("/installation/repositories")
      .matchHeader("authorization", `token t-${id}`)
      .query({ per_page: 100, page: 1 })
      .reply(200, {
        total_count: repos.length,
        repositories: repos.map((name, i) => ({
          name,
          owner: { login: "acme" },
          archived: false,
          pushed_at: `2025-05-0${9 - i}T00:00:00Z`,
        })),
      });
  }
  return scope;
}

const openPulls = { state: "open", sort: "updated", direction: "desc", per_page: 100 };
const checksQuery = { check_name: "Maestro", filter: "latest", app_id: APP_ID, per_page: 100 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("reconcile: which check runs are reviewed again", () => {
  it("only this app's Maestro runs left queued or in_progress past the timeout, on open PRs, each with its own check run id", async () => {
    const { deps, queued, errors } = sweeper();
    const scope = mockApp([{ id: 7, repos: ["shop"] }]);
    scope
      .get("/repos/acme/shop/pulls")
      .query(openPulls)
      .reply(200, [pull(1, sha("a")), pull(2, sha("b")), pull(3, sha("c")), pull(4, sha("d"))]);
    scope
      .get(`/repos/acme/shop/commits/${sha("a")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 2, check_runs: [run(11, sha("a"), {}), run(12, sha("a"), { app: { id: 999 } })] });
    scope
      .get(`/repos/acme/shop/commits/${sha("b")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 1, check_runs: [run(21, sha("b"), { started_at: JUST_NOW })] });
    scope
      .get(`/repos/acme/shop/commits/${sha("c")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 1, check_runs: [run(31, sha("c"), { status: "completed", conclusion: "success" })] });
    scope
      .get(`/repos/acme/shop/commits/${sha("d")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 1, check_runs: [run(41, sha("d"), { status: "queued" })] });

    const result = await reconcileChecks(deps, LIMITS);

    expect(scope.isDone()).toBe(true);
    expect(errors()).toEqual([]);
    expect(queued).toEqual([
      expect.objectContaining({
        kind: "pull_request",
        installationId: 7,
        owner: "acme",
        repo: "shop",
        pullNumber: 1,
        headSha: sha("a"),
        trigger: "reconcile",
        checkRunId: 11,
      }),
      expect.objectContaining({ pullNumber: 4, headSha: sha("d"), trigger: "reconcile", checkRunId: 41 }),
    ]);
    expect(result).toEqual({ requeued: 2, requests: 9 });
  });

  it("a sweep that fails (GitHub down) is logged and resolves: it never takes the process down", async () => {
    const { deps, queued, logged } = sweeper();
    nock(API)
      .get("/app")
      .reply(200, { id: APP_ID })
      .get("/app/installations")
      .query(true)
      .reply(500, { message: "boom" });
    await expect(reconcileChecks(deps, LIMITS)).resolves.toEqual({ requeued: 0, requests: 2 });
    expect(queued).toEqual([]);
    expect(logged).toContainEqual({ level: "error", message: "reconcile: sweep failed" });
  });

  it("a repository it cannot read is logged and skipped; the others are still swept", async () => {
    const { deps, queued, logged } = sweeper();
    const scope = mockApp([{ id: 7, repos: ["gone", "shop"] }]);
    scope.get("/repos/acme/gone/pulls").query(openPulls).reply(404, { message: "Not Found" });
    scope
      .get("/repos/acme/shop/pulls")
      .query(openPulls)
      .reply(200, [pull(1, sha("a"))]);
    scope
      .get(`/repos/acme/shop/commits/${sha("a")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 1, check_runs: [run(11, sha("a"), {})] });
    await reconcileChecks(deps, LIMITS);
    expect(scope.isDone()).toBe(true);
    expect(queued.map((j) => j.checkRunId)).toEqual([11]);
    expect(logged).toContainEqual({
      level: "warn",
      message: "reconcile: could not read a repository's check runs; next sweep tries again",
    });
  });
});

describe("reconcile: its requests are bounded", () => {
  it("the request cap holds, is logged, and the next sweep starts from the installation where it stopped", async () => {
    const { deps, logged } = sweeper();
    const scope = mockApp([{ id: 7, repos: ["shop"] }]);
    scope
      .get("/repos/acme/shop/pulls")
      .query(openPulls)
      .reply(200, [pull(1, sha("a")), pull(2, sha("b")), pull(3, sha("c"))]);
    scope
      .get(`/repos/acme/shop/commits/${sha("a")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 0, check_runs: [] });
    // The other PRs' check runs are past the cap of 6: a request for them would find no mock and log an error.
    const result = await reconcileChecks(deps, { ...LIMITS, maxRequests: 6 });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ requeued: 0, requests: 6, resumeFrom: 7 });
    expect(logged.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      "reconcile: the sweep reached its cap of 6 requests; the next one starts from installation 7",
    ]);

    const next = sweeper();
    const resumed = nock(API).get("/app").reply(200, { id: APP_ID });
    resumed
      .get("/app/installations")
      .query(true)
      .reply(200, [{ id: 5 }, { id: 7 }, { id: 9 }]);
    resumed.post("/app/installations/7/access_tokens").reply(201, { token: "t-7", expires_at: "2099-01-01T00:00:00Z" });
    resumed
      .get("/installation/repositories")
      .matchHeader("authorization", "token t-7")
      .query(true)
      .reply(200, { total_count: 0, repositories: [] });
    // Installation 7 first, then 9; installation 5 waits for the sweep after.
    expect(await reconcileChecks(next.deps, { ...LIMITS, maxRequests: 5, resumeFrom: 7 })).toEqual({
      requeued: 0,
      requests: 5,
      resumeFrom: 9,
    });
    expect(resumed.isDone()).toBe(true);
  });

  it("a low x-ratelimit-remaining stops that installation's sweep; the next installation is still swept", async () => {
    const { deps, queued } = sweeper();
    const scope = mockApp([
      { id: 7, repos: ["shop", "blog"] },
      { id: 8, repos: ["site"] },
    ]);
    scope
      .get("/repos/acme/shop/pulls")
      .query(openPulls)
      .reply(200, [pull(1, sha("a"))], { "x-ratelimit-remaining": "42", "x-ratelimit-limit": "5000" });
    scope
      .get("/repos/acme/site/pulls")
      .query(openPulls)
      .reply(200, [pull(1, sha("e"))], { "x-ratelimit-remaining": "4000" });
    scope
      .get(`/repos/acme/site/commits/${sha("e")}/check-runs`)
      .query(checksQuery)
      .reply(200, { total_count: 1, check_runs: [run(51, sha("e"), {})] });
    const untouched = nock(API)
      .get(`/repos/acme/shop/commits/${sha("a")}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .get("/repos/acme/blog/pulls")
      .query(true)
      .reply(200, []);

    await reconcileChecks(deps, LIMITS);

    expect(scope.isDone()).toBe(true);
    expect(untouched.pendingMocks()).toHaveLength(2);
    expect(queued.map((j) => [j.installationId, j.checkRunId])).toEqual([[8, 51]]);
  });

  it("a secondary rate limit (403) stops that installation at once: no request to its other repositories", async () => {
    const { deps } = sweeper();
    const scope = mockApp([{ id: 7, repos: ["shop", "blog"] }]);
    scope
      .get("/repos/acme/shop/pulls")
      .query(openPulls)
      .reply(403, { message: "You have exceeded a secondary rate limit." });
    const untouched = nock(API).get("/repos/acme/blog/pulls").query(true).reply(200, []);
    await reconcileChecks(deps, LIMITS);
    expect(scope.isDone()).toBe(true);
    expect(untouched.isDone()).toBe(false);
  });
});

describe("reconcile: the schedule", () => {
  it("a replica that cannot claim the sweep lock makes no request", async () => {
    const { deps } = sweeper();
    const scope = nock(API).get("/app").reply(200, { id: APP_ID });
    let claims = 0;
    const reconciler = scheduleReconcile(
      deps,
      { ...LIMITS, intervalSeconds: 0.05 },
      { claim: async () => (claims++, false) },
    );
    while (claims < 3) await new Promise((r) => setTimeout(r, 20));
    reconciler.stop();
    expect(scope.isDone()).toBe(false);
  });

  it("one sweep at a time: a tick while a sweep runs starts no second one", async () => {
    const { deps } = sweeper();
    let claims = 0;
    // The first sweep waits 500 ms for GitHub while ticks come every 50 ms.
    const scope = nock(API).get("/app").delay(500).reply(200, { id: APP_ID });
    const answered = new Promise((resolve) => scope.on("replied", resolve));
    const reconciler = scheduleReconcile(
      deps,
      { ...LIMITS, intervalSeconds: 0.05 },
      { claim: async () => (claims++, true) },
    );
    await answered;
    const whileRunning = claims;
    reconciler.stop();
    expect(whileRunning).toBe(1);
  });

  it("a run one sweep queued is not queued again by the next sweeps while its review runs", async () => {
    const { deps, queued } = sweeper();
    let asked = 0;
    const scope = nock(API).persist();
    scope.get("/app").reply(200, { id: APP_ID });
    scope
      .get("/app/installations")
      .query(true)
      .reply(200, [{ id: 7 }]);
    scope.post("/app/installations/7/access_tokens").reply(201, { token: "t-7", expires_at: "2099-01-01T00:00:00Z" });
    scope
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: 1, repositories: [{ name: "shop", owner: { login: "acme" } }] });
    scope
      .get("/repos/acme/shop/pulls")
      .query(true)
      .reply(200, [pull(1, sha("a"))]);
    scope
      .get(`/repos/acme/shop/commits/${sha("a")}/check-runs`)
      .query(true)
      .reply(200, () => (asked++, { total_count: 1, check_runs: [run(11, sha("a"), {})] }));
    const reconciler = scheduleReconcile(deps, { ...LIMITS, intervalSeconds: 0.05 }, { claim: async () => true });
    await waitFor(() => asked >= 3, { what: "three sweeps asking about the stuck run" });
    reconciler.stop();
    expect(queued.map((j) => j.checkRunId)).toEqual([11]);
  });
});
