import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { createRedisLatestHeads } from "../../src/app/latest-heads.js";
import { createRedisQueue } from "../../src/app/redis-queue.js";
import type { Job } from "../../src/app/review-job.js";
import { redisServerCheck, startRedisServer } from "../helpers/redis-server.js";

/** The BullMQ queue on a real redis-server (skipped without one, with the install command; never in CI). */
const describeWithRedis = redisServerCheck.skip ? describe.skip : describe;

describeWithRedis(`the Redis queue${redisServerCheck.skip ? ` (SKIPPED: ${redisServerCheck.reason})` : ""}`, () => {
  let server: Awaited<ReturnType<typeof startRedisServer>>;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.port, "127.0.0.1", { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await redis.quit();
    server?.stop();
  });

  it("regression: the check run a review created is kept on the job in Redis, so a replica taking over a stalled job finishes that run instead of starting a second", async () => {
    const job: Job = {
      kind: "pull_request",
      installationId: 5,
      owner: "acme",
      repo: "shop",
      pullNumber: 3,
      headSha: "a".repeat(40),
      trigger: "push",
      deliveryId: "d-1",
    };
    const queue = createRedisQueue(
      redis,
      async (_job, onCheckRun) => onCheckRun?.(4242),
      () => undefined,
      1,
    );
    await queue.add(job);
    await queue.drain();
    await queue.close?.();
    const readerConnection = redis.duplicate({ maxRetriesPerRequest: null });
    const reader = new Queue("maestro-reviews", { connection: readerConnection });
    const [stored] = await reader.getJobs(["completed"]);
    await reader.close();
    await readerConnection.quit();
    expect(stored?.data).toMatchObject({ headSha: job.headSha, checkRunId: 4242 });
  });

  it("regression: the newest head per PR in Redis is ordered by GitHub's update time, not by arrival", async () => {
    const heads = createRedisLatestHeads(redis);
    await heads.set("acme/shop#9", "b".repeat(40), "2030-01-01T00:00:10Z");
    await heads.set("acme/shop#9", "a".repeat(40), "2030-01-01T00:00:05Z");
    expect(await heads.get("acme/shop#9")).toBe("b".repeat(40));
    await heads.set("acme/shop#9", "c".repeat(40), "2030-01-01T00:00:10.500Z");
    expect(await heads.get("acme/shop#9")).toBe("c".repeat(40));
  });
});
