import { Redis } from "ioredis";
import { createRedisCheckTickets } from "../../src/app/check-tickets.js";
import { redisBackend } from "../../src/app/redis-backend.js";
import { DOMAIN_INFRA_SCORE } from "../fixtures/scores.js";
import { createEmulatedApp, type EmulatedApp, type MaestroProcess } from "../helpers/emulated-app.js";
import { redisServerCheck, startRedisServer } from "../helpers/redis-server.js";

/**
 * Bursts when replicas share the queue in Redis (a real redis-server; skipped without one, with the install command;
 * never in CI): a check run on arrival whichever replica's worker takes the job, one run per review, and a storm of
 * pushes reviewed once, on the last.
 */
const describeWithRedis = redisServerCheck.skip ? describe.skip : describe;
const skipped = redisServerCheck.skip ? ` (SKIPPED: ${redisServerCheck.reason})` : "";

describeWithRedis(`bursts through Redis, two replicas${skipped}`, () => {
  let server: Awaited<ReturnType<typeof startRedisServer>>;
  let app: EmulatedApp;
  const clients: Redis[] = [];
  let replicas: [MaestroProcess, MaestroProcess];
  beforeAll(async () => {
    server = await startRedisServer();
    app = await createEmulatedApp({
      ".github/maestro.yml": DOMAIN_INFRA_SCORE,
      "src/domain/a.ts": "export const a = 1;\n",
      "src/infra/db.ts": "export const db = 1;\n",
    });
    const replica = async () => {
      const redis = new Redis(server.port, "127.0.0.1", { maxRetriesPerRequest: null });
      clients.push(redis);
      return app.startProcess({ backend: redisBackend(redis) });
    };
    replicas = [await replica(), await replica()];
  }, 30_000);
  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close();
    for (const client of clients) await client.quit();
    server?.stop();
    expect(app?.github.mismatches).toEqual([]);
    await app?.stop();
  });
  const drain = () => Promise.all(replicas.map((r) => r.drain()));

  const openPull = (name: string) => {
    const number = app.github.nextNumber();
    const branch = `redis-${name}-${number}`;
    app.repo.git("checkout", "-q", "-b", branch, "main");
    app.repo.write({ [`src/infra/${name}${number}.ts`]: `export const v${number} = ${number};\n` });
    const sha = app.repo.commit(`${name} ${number}`);
    app.repo.git("checkout", "-q", "main");
    app.github.pulls.set(number, { number, headRef: branch, baseRef: "main", user: "dev", labels: [], draft: false });
    return { number, sha, branch };
  };

  it("every PR of a burst shows its in_progress check run while every worker of both replicas is busy, and each gets exactly one run", async () => {
    const [one] = replicas;
    const prs = Array.from({ length: 7 }, () => openPull("burst"));
    // Both replicas' workers (two each) are held at their downloads: the runs of the jobs still queued exist anyway.
    const download = app.github.hold("GET", /\/tarball\//);
    for (const pr of prs) await one.send("pull_request", app.pullRequestEvent("opened", pr, pr.sha));
    await waitFor(() => prs.every((pr) => app.github.runsOn(pr.sha).length > 0));
    expect(download.waiting()).toBeLessThan(prs.length);
    expect(prs.map((pr) => app.latest(pr.sha)?.status)).toEqual(prs.map(() => "in_progress"));
    download.release();
    await drain();
    for (const pr of prs)
      expect(app.github.runsOn(pr.sha).map((run) => [run.status, run.conclusion])).toEqual([["completed", "success"]]);
  });

  it("a run whose creation is under way when another replica's worker takes the job is the one that worker completes", async () => {
    const [one] = replicas;
    const prs = Array.from({ length: 4 }, () => openPull("slow"));
    // GitHub slow to create check runs: the jobs wait out their 300 ms and are taken, by either replica, meanwhile.
    const creation = app.github.hold("POST", /\/check-runs$/);
    for (const pr of prs) await one.send("pull_request", app.pullRequestEvent("opened", pr, pr.sha));
    await waitFor(() => creation.waiting() > 0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    creation.release();
    await drain();
    for (const pr of prs)
      expect(app.github.runsOn(pr.sha).map((run) => [run.status, run.conclusion])).toEqual([["completed", "success"]]);
  });

  it("a storm of pushes delivered to both replicas is reviewed on its last push: no earlier head's content is fetched, and no run is left in_progress", async () => {
    const pr = openPull("storm");
    const [one, two] = replicas;
    await one.send("pull_request", app.pullRequestEvent("opened", pr, pr.sha));
    await drain();
    const heads: string[] = [];
    for (let i = 1; i <= 8; i++) {
      app.repo.git("checkout", "-q", pr.branch);
      app.repo.write({ [`src/infra/storm${pr.number}.ts`]: `export const storm = ${i};\n` });
      heads.push(app.repo.commit(`storm ${i}`));
      app.repo.git("checkout", "-q", "main");
    }
    app.repo.git("update-ref", `refs/heads/${pr.branch}`, pr.sha);
    const before = app.github.requests.length;
    for (const [i, sha] of heads.entries()) {
      // The branch moves as each push lands, 50 ms apart: GitHub's answer for the PR is the head of that moment.
      app.repo.git("update-ref", `refs/heads/${pr.branch}`, sha);
      await (i % 2 ? two : one).send(
        "pull_request",
        app.pullRequestEvent("synchronize", pr, sha, {}, `2031-03-01T00:00:0${i}Z`),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await drain();
    const newest = heads.at(-1) as string;
    expect(app.github.runsOn(newest).map((run) => run.conclusion)).toEqual(["success"]);
    const stale = heads.slice(0, -1);
    const downloads = app.github.requests
      .slice(before)
      .filter((r) => r.path.includes("/tarball/") && stale.some((sha) => r.path.endsWith(sha)));
    expect(downloads).toEqual([]);
    for (const [i, sha] of stale.entries())
      for (const run of app.github.runsOn(sha)) {
        expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
        const named = /^Superseded by a newer push \((\w{7})\): not reviewed$/.exec(run.output?.title ?? "")?.[1];
        expect(heads.slice(i + 1).map((sha) => sha.slice(0, 7))).toContain(named);
      }
  });

  describe("the check run's ticket", () => {
    let tickets: ReturnType<typeof createRedisCheckTickets>;
    beforeAll(() => (tickets = createRedisCheckTickets(clients[0] as Redis, 10)));
    let n = 0;
    const id = () => `ticket-${++n}`;

    it("a worker that takes the job before the acceptor's turn creates the run itself, and the acceptor then does not", async () => {
      const job = id();
      await tickets.open(job);
      expect(await tickets.take(job)).toBeUndefined();
      expect(await tickets.claim(job)).toBe(false);
    });

    it("a worker that takes the job while the acceptor creates its run waits for that run", async () => {
      const job = id();
      await tickets.open(job);
      expect(await tickets.claim(job)).toBe(true);
      const taken = tickets.take(job);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tickets.settle(job, 4711);
      expect(await taken).toBe(4711);
    });

    it("a worker waiting on a creation that failed creates the run itself rather than waiting on", async () => {
      const job = id();
      await tickets.open(job);
      expect(await tickets.claim(job)).toBe(true);
      const taken = tickets.take(job);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tickets.settle(job, undefined);
      expect(await taken).toBeUndefined();
    });

    it("a ticket opened again (a redelivered webhook, the same job) keeps the run already created", async () => {
      const job = id();
      await tickets.open(job);
      expect(await tickets.claim(job)).toBe(true);
      await tickets.settle(job, 42);
      await tickets.open(job);
      expect(await tickets.claim(job)).toBe(false);
      expect(await tickets.take(job)).toBe(42);
    });

    it("a job taken over after its replica died finds the run the acceptor created", async () => {
      const job = id();
      await tickets.open(job);
      expect(await tickets.claim(job)).toBe(true);
      await tickets.settle(job, 99);
      expect(await tickets.take(job)).toBe(99);
      expect(await tickets.take(job)).toBe(99);
    });
  });
});

/** Until `done()` holds (a few seconds at most). */
async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("waited 10 s in vain");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
