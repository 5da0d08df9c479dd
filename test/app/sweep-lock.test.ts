import { Redis } from "ioredis";
import { createRedisSweepLock } from "../../src/app/sweep-lock.js";
import { waitFor } from "../e2e/wait-for.js";
import { redisServerCheck, startRedisServer } from "../helpers/redis-server.js";

/**
 * Replicas sharing Redis sweep for unfinished check runs one at a time (a real redis-server; skipped without one, never
 * in CI).
 */
const redisServer = redisServerCheck;
const describeWithRedis = redisServer.skip ? describe.skip : describe;

describeWithRedis(
  `the reconciler's sweep lock on Redis${redisServer.skip ? ` (SKIPPED: ${redisServer.reason})` : ""}`,
  () => {
    let server: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    const clients: Redis[] = [];

    beforeAll(async () => {
      server = await startRedisServer();
      for (let i = 0; i < 2; i++) clients.push(new Redis(server.port, "127.0.0.1"));
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.quit()));
      server?.stop();
    });

    it("two replicas: the first claims the sweep, the other skips until the claim lapses", async () => {
      const [one, two] = clients.map((c) => createRedisSweepLock(c, "test:reconcile-lock")) as [
        ReturnType<typeof createRedisSweepLock>,
        ReturnType<typeof createRedisSweepLock>,
      ];
      expect(await one.claim(1)).toBe(true);
      expect(await two.claim(1)).toBe(false);
      expect(await one.claim(1)).toBe(false);
      expect(await waitFor(() => two.claim(1), { timeout: 5_000, what: "the claim to lapse after 1 s" })).toBe(true);
    });
  },
);
