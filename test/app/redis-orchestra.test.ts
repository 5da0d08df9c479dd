import { Redis } from "ioredis";
import { createMemoryPodiumInbox, createRedisPodiumInbox } from "../../src/app/podium-inbox.js";
import { createRedisPullVerdicts } from "../../src/app/pull-verdicts.js";
import { podiumEventSchema, type PodiumEvent } from "../../src/report/podium/index.js";
import { redisServerCheck, startRedisServer } from "../helpers/redis-server.js";

/**
 * Replicas sharing Redis play one orchestra (a real redis-server; skipped without one, never in CI): the verdicts a PR's
 * reviews show of the PRs it overlaps, and one podium per repository written at most once per window, whichever
 * replica reviewed. A Redis that stops answering costs a call two seconds, never the review.
 */
const redisServer = redisServerCheck;
const describeWithRedis = redisServer.skip ? describe.skip : describe;

const HEAD = "a".repeat(40);
/** Events as the podium's schema makes them (defaults filled in), so what comes back out of Redis compares whole. */
const reviewed = (pr: number): PodiumEvent =>
  podiumEventSchema.parse({
    kind: "reviewed",
    pr,
    head: HEAD,
    agent: "copilot",
    author: "copilot-swe-agent[bot]",
    human: false,
    verdict: "conductor",
    risk: 41,
    modules: ["app"],
    contention: [],
    at: "2026-11-22T10:00:00.000Z",
  });
const closed = (pr: number): PodiumEvent =>
  podiumEventSchema.parse({ kind: "closed", pr, merged: true, at: "2026-11-22T11:00:00.000Z" });

describeWithRedis(
  `the orchestra's state on Redis, shared by replicas${redisServer.skip ? ` (SKIPPED: ${redisServer.reason})` : ""}`,
  () => {
    let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    /** Two replicas' clients on one server. */
    const clients: Redis[] = [];
    beforeAll(async () => {
      redis = await startRedisServer();
      for (let i = 0; i < 2; i++) clients.push(new Redis(redis.port, "127.0.0.1", { maxRetriesPerRequest: null }));
    });
    afterAll(() => {
      clients.forEach((c) => c.disconnect());
      redis?.stop();
    });
    const replicas = () => clients as [Redis, Redis];

    it("a verdict one replica wrote is the other's to show, per repository", async () => {
      const [one, two] = replicas();
      await createRedisPullVerdicts(one).set("acme/shop", 7, { head: HEAD, verdict: "block", risk: 72 });
      await createRedisPullVerdicts(one).set("acme/other", 8, { head: HEAD, verdict: "pass", risk: 3 });
      const seen = await createRedisPullVerdicts(two).get("acme/shop", [7, 8, 9]);
      expect(seen).toEqual(new Map([[7, { head: HEAD, verdict: "block", risk: 72 }]]));
    });

    it("a verdict another version wrote that does not parse is not judged yet, and the others still show", async () => {
      const [one, two] = replicas();
      await one.hset("maestro:verdicts:acme/old", "1", "pass", "2", JSON.stringify({ head: HEAD, verdict: "maybe" }));
      await createRedisPullVerdicts(one).set("acme/old", 3, { head: HEAD, verdict: "conductor", risk: 50 });
      const seen = await createRedisPullVerdicts(two).get("acme/old", [1, 2, 3]);
      expect(seen).toEqual(new Map([[3, { head: HEAD, verdict: "conductor", risk: 50 }]]));
    });

    it("the podium's events wait in order of arrival, whichever replica heard them; a failed write puts them back first", async () => {
      const [one, two] = replicas();
      const inboxOne = createRedisPodiumInbox(one);
      const inboxTwo = createRedisPodiumInbox(two);
      await inboxOne.push("acme/shop", [reviewed(1), reviewed(2)]);
      await inboxTwo.push("acme/shop", [closed(1)]);
      // Reading the record between writes leaves the events waiting.
      expect(await inboxTwo.peek("acme/shop")).toEqual([reviewed(1), reviewed(2), closed(1)]);
      const taken = await inboxOne.take("acme/shop");
      expect(taken).toEqual([reviewed(1), reviewed(2), closed(1)]);
      expect(await inboxTwo.take("acme/shop")).toEqual([]);
      // The write failed while replica two heard of PR 3: the taken events go back before it, in their order.
      await inboxTwo.push("acme/shop", [reviewed(3)]);
      await inboxOne.putBack("acme/shop", taken);
      expect(await inboxTwo.take("acme/shop")).toEqual([reviewed(1), reviewed(2), closed(1), reviewed(3)]);
    });

    it("replicas write one podium per window: the first claim gets the slot, the second is told how long to wait", async () => {
      const [one, two] = replicas();
      const windowMs = 1_500;
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      expect(await createRedisPodiumInbox(one).claim("acme/window", windowMs)).toBe(0);
      await sleep(500);
      // The window's remaining time, not a whole window: the second replica writes when the first one's window ends.
      const wait = await createRedisPodiumInbox(two).claim("acme/window", windowMs);
      expect(wait).toBeGreaterThan(windowMs - 900);
      expect(wait).toBeLessThanOrEqual(windowMs - 500);
      expect(await createRedisPodiumInbox(one).claim("acme/window", windowMs)).toBeGreaterThan(0);
      // Another repository has its own slot.
      expect(await createRedisPodiumInbox(two).claim("acme/elsewhere", windowMs)).toBe(0);
      await sleep(wait + 50);
      expect(await createRedisPodiumInbox(two).claim("acme/window", windowMs)).toBe(0);
    });

    it("the podium's issue number one replica found is the other's, so neither looks for it again", async () => {
      const [one, two] = replicas();
      expect(await createRedisPodiumInbox(two).issue("acme/shop")).toBeUndefined();
      await createRedisPodiumInbox(one).setIssue("acme/shop", 42);
      expect(await createRedisPodiumInbox(two).issue("acme/shop")).toBe(42);
    });

    it("what another version left in the inbox that does not parse is skipped, never an error", async () => {
      const [one, two] = replicas();
      await one.rpush("maestro:podium:acme/old:events", "{not json", JSON.stringify({ kind: "retuned", pr: 1 }));
      await createRedisPodiumInbox(one).push("acme/old", [reviewed(5)]);
      await one.set("maestro:podium:acme/old:issue", "podium-9");
      const inbox = createRedisPodiumInbox(two);
      expect(await inbox.peek("acme/old")).toEqual([reviewed(5)]);
      expect(await inbox.take("acme/old")).toEqual([reviewed(5)]);
      expect(await inbox.issue("acme/old")).toBeUndefined();
    });

    describe("when Redis stops answering", () => {
      let dead: Redis;
      beforeAll(async () => {
        const server = await startRedisServer();
        // As the app's client (waits for Redis to come back, however long); a socket still connecting is dropped quickly
        // at the end.
        dead = new Redis(server.port, "127.0.0.1", { maxRetriesPerRequest: null, disconnectTimeout: 100 });
        dead.on("error", () => undefined);
        await dead.ping();
        server.stop();
        await new Promise((resolve) => dead.once("close", resolve));
      });
      afterAll(() => dead.disconnect());

      /** `work`'s outcome and how long it took. */
      const timed = async <T>(work: () => Promise<T>) => {
        const started = Date.now();
        const outcome = await work().then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        return { ...outcome, ms: Date.now() - started };
      };

      it("the other PRs' verdicts are not judged yet after two seconds, and remembering one fails quietly", async () => {
        const verdicts = createRedisPullVerdicts(dead);
        const got = await timed(() => verdicts.get("acme/shop", [7]));
        expect(got).toEqual({ value: new Map(), ms: expect.any(Number) });
        expect(got.ms).toBeGreaterThanOrEqual(1_900);
        expect(got.ms).toBeLessThan(3_500);
        const set = await timed(() => verdicts.set("acme/shop", 7, { head: HEAD, verdict: "pass", risk: 1 }));
        expect(set).toEqual({ value: undefined, ms: expect.any(Number) });
        expect(set.ms).toBeLessThan(3_500);
      }, 15_000);

      it("the podium's inbox says Redis did not answer within 2 s (the podium's writer and tellOrchestra catch it)", async () => {
        const inbox = createRedisPodiumInbox(dead);
        const calls: [string, () => Promise<unknown>][] = [
          ["push", () => inbox.push("acme/shop", [reviewed(1)])],
          ["claim", () => inbox.claim("acme/shop", 30_000)],
          ["take", () => inbox.take("acme/shop")],
        ];
        for (const [name, call] of calls) {
          const outcome = await timed(call);
          expect({ name, error: (outcome as { error?: Error }).error?.message }).toEqual({
            name,
            error: "Redis did not answer within 2 s",
          });
          expect(outcome.ms).toBeLessThan(3_500);
        }
      }, 20_000);
    });
  },
);

describe("the podium's write slot in one process", () => {
  it("is free once per window: a claim inside it is told the time left, one after it gets the slot", async () => {
    let now = 1_000_000;
    const inbox = createMemoryPodiumInbox(() => now);
    expect(await inbox.claim("acme/shop", 30_000)).toBe(0);
    now += 12_000;
    expect(await inbox.claim("acme/shop", 30_000)).toBe(18_000);
    expect(await inbox.claim("acme/other", 30_000)).toBe(0);
    now += 18_000;
    expect(await inbox.claim("acme/shop", 30_000)).toBe(0);
    now += 1;
    expect(await inbox.claim("acme/shop", 30_000)).toBe(29_999);
  });
});
