import { inProcessBackend } from "../../src/app/maestro-app.js";
import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";
import { githubToken } from "../helpers/github-token.js";
import { expectLoggedError } from "../helpers/test-log.js";
import { DOMAIN_INFRA_SCORE } from "../fixtures/scores.js";

/**
 * What a hostile change, a flood of pushes or a failing GitHub did to the app's reviews, each pinned
 * against the GitHub emulator with Maestro's app in-process.
 */
let app: EmulatedApp;
beforeAll(async () => {
  app = await createEmulatedApp({
    ".github/maestro.yml": DOMAIN_INFRA_SCORE,
    "src/domain/a.ts": "export const a = 1;\n",
    "src/infra/db.ts": "export const db = 1;\n",
    "test/a.test.ts": "test('a', () => {});\n",
  });
}, 30_000);
afterEach(() => {
  app.github.patchLimit = Number.POSITIVE_INFINITY;
  app.github.diffLimit = Number.POSITIVE_INFINITY;
  app.github.faults.length = 0;
});
afterAll(async () => {
  expect(app.github.mismatches).toEqual([]);
  await app.stop();
});

// Real formats (a checksum that holds, a key id with its secret), so that each is a secret that blocks.
const TOKEN = githubToken("Q8fTz2LmX4vK9pRw7NcY3hJd6sBa1G");
const AWS_KEY = "AKIA" + "Z7Q4W2ZLRX5MB6KP";
const AWS_SECRET = "kT9vQ2mZx7LpR4wN" + "8cY3bH6jF1sD5gA0uE/qWzXo";

describe("when GitHub leaves a file's patch out", () => {
  it("regression: a GitHub token inside a large one-line bundle still blocks", async () => {
    app.github.patchLimit = 2_000;
    const bundle = `var a=${"1+".repeat(3_000)}1;var t="${TOKEN}";\n`;
    const pr = await app.reviewedPull({ "src/infra/bundle.js": bundle, "test/b.test.ts": "test('b', () => {});\n" });
    const run = app.latest(pr.sha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.annotations).toContainEqual(
      expect.objectContaining({
        path: "src/infra/bundle.js",
        start_line: 1,
        title: expect.stringMatching(/^Maestro risk: secrets/),
      }),
    );
  });

  it("regression: an AWS key in a file listed after a huge fixture (past GitHub's diff limit, counts read 0) still blocks", async () => {
    app.github.diffLimit = 4_000;
    const fixture = Array.from({ length: 400 }, (_, i) => `row ${i}: ${"x".repeat(20)}`).join("\n");
    const pr = await app.reviewedPull({
      "src/a-fixture.txt": `${fixture}\n`,
      "src/infra/keys.ts": `export const key = "${AWS_KEY}", keySecret = "${AWS_SECRET}";\n`,
      "test/c.test.ts": "test('c', () => {});\n",
    });
    const run = app.latest(pr.sha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.annotations).toContainEqual(
      expect.objectContaining({
        path: "src/infra/keys.ts",
        start_line: 1,
        title: expect.stringMatching(/^Maestro risk: secrets/),
      }),
    );
  });
});

describe("a flood of pushes", () => {
  it("regression: only the newest of a burst of pushes is reviewed; superseded heads get no check run and no download", async () => {
    const pr = await app.reviewedPull({ "src/infra/x.ts": "export const x = 0;\n" });
    const heads: string[] = [];
    for (let i = 1; i <= 5; i++)
      heads.push(await app.push(pr, { "src/infra/x.ts": `export const x = ${i};\n` }, false));
    const before = app.github.requests.length;
    await app.maestro.receiveAll(
      heads.map((sha) => ({ name: "pull_request", payload: app.pullRequestEvent("synchronize", pr, sha) })),
    );
    const newest = heads.at(-1) as string;
    expect(app.latest(newest)).toMatchObject({ status: "completed", conclusion: "success" });
    const stale = heads.slice(0, -1);
    const tarballs = app.github.requests.slice(before).filter((r) => r.path.includes("/tarball/"));
    expect(tarballs.filter((r) => stale.some((sha) => r.path.endsWith(sha)))).toEqual([]);
    // The first push's job may have started before the rest arrived: it ends `cancelled`. The others never start.
    const started = stale.filter((sha) => app.github.runsOn(sha).length > 0);
    expect(started.length).toBeLessThanOrEqual(1);
    for (const sha of started) expect(app.github.runsOn(sha).map((run) => run.conclusion)).toEqual(["cancelled"]);
  });
});

describe("webhooks out of order", () => {
  it("regression: a late label event carrying the previous head does not replace the newest head, nor get the old head reviewed again", async () => {
    const pr = await app.reviewedPull({ "src/infra/late.ts": "export const late = 0;\n" });
    const newer = await app.push(pr, { "src/infra/late.ts": "export const late = 1;\n" }, false);
    await app.deliver("pull_request", app.pullRequestEvent("synchronize", pr, newer, {}, "2030-01-01T00:00:10Z"));
    await app.deliver(
      "pull_request",
      app.pullRequestEvent("labeled", pr, pr.sha, { label: { name: "ai-generated" } }, "2030-01-01T00:00:05Z"),
    );
    expect(app.github.runsOn(newer).map((run) => run.conclusion)).toEqual(["success"]);
    expect(app.github.runsOn(pr.sha).map((run) => run.conclusion)).toEqual(["success"]);
  });
});

describe("a failing GitHub", () => {
  it("regression: the completing write is tried again after a run of 502s, and the check does not stay in_progress", async () => {
    const maestro = await app.startProcess({ completionRetryDelaysMs: [50, 50, 50] });
    const pr = await app.reviewedPull({
      "src/domain/a.ts": `import { db } from "../infra/db";\nexport const a = db;\n`,
    });
    app.github.faults.push({ method: "PATCH", path: /\/check-runs\/\d+$/, status: 502, remaining: 6 });
    await maestro.receive("check_run", app.checkRunEvent("rerequested", pr.sha, pr.number));
    expect(app.github.faults[0]?.remaining).toBe(0);
    expect(app.latest(pr.sha)).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: expect.objectContaining({ title: "Blocked — 1 new boundary violation" }),
    });
  });

  it("regression: a webhook whose work could not be queued is not remembered as delivered: GitHub's redelivery is reviewed", async () => {
    const backend = inProcessBackend();
    let queueDown = true;
    const maestro = await app.startProcess({
      backend: {
        ...backend,
        createQueue: (worker, onError) => {
          const queue = backend.createQueue(worker, onError);
          return {
            ...queue,
            add: async (job) => (queueDown ? Promise.reject(new Error("queue unavailable")) : queue.add(job)),
          };
        },
      },
    });
    const pr = await app.reviewedPull({ "src/infra/q.ts": "export const q = 1;\n" });
    const event = app.checkRunEvent("rerequested", pr.sha, pr.number);
    expectLoggedError(/queue unavailable/);
    await expect(maestro.send("check_run", event, "delivery-queue-down")).rejects.toThrow(/queue unavailable/);
    queueDown = false;
    await maestro.send("check_run", event, "delivery-queue-down");
    await maestro.drain();
    expect(app.github.runsOn(pr.sha)).toHaveLength(2);
  });

  it("regression: a failing branch-protection read is logged, and the review goes on", async () => {
    const maestro = await app.startProcess();
    const pr = await app.reviewedPull({ "src/infra/y.ts": "export const y = 1;\n" });
    app.github.faults.push({ method: "GET", path: /\/branches\/main$/, status: 500, remaining: 10 });
    expectLoggedError(/could not read whether the Maestro check is required/);
    await maestro.receive("check_run", app.checkRunEvent("rerequested", pr.sha, pr.number));
    expect(app.latest(pr.sha)).toMatchObject({ status: "completed", conclusion: "success" });
  });

  it("a 403 on the branch-protection read means 'cannot tell': nothing is logged as an error", async () => {
    const maestro = await app.startProcess();
    const pr = await app.reviewedPull({ "src/infra/z.ts": "export const z = 1;\n" });
    app.github.faults.push({ method: "GET", path: /\/branches\/main$/, status: 403, remaining: 1 });
    await maestro.receive("check_run", app.checkRunEvent("rerequested", pr.sha, pr.number));
    expect(app.latest(pr.sha)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(app.latest(pr.sha)?.output?.summary).not.toContain("is not required");
  });
});
