import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { JobQueue } from "./in-process-queue.js";
import { jobKey, jobSchema, type Job } from "./review-job.js";

const QUEUE_NAME = "maestro-reviews";

/**
 * Review jobs through BullMQ on Redis: every replica adds jobs and works them, so a webhook
 * answered by one replica may be reviewed by another. A job id per delivery and head keeps a
 * redelivery from queueing twice even if two replicas receive it.
 */
export function createRedisQueue(redis: Redis, worker: (job: Job) => Promise<void>, onError: (error: unknown, job: unknown) => void, concurrency = 4): JobQueue<Job> & { close(): Promise<void> } {
  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection });
  const runner = new Worker(QUEUE_NAME, async (job) => worker(jobSchema.parse(job.data)), { connection: redis.duplicate({ maxRetriesPerRequest: null }), concurrency });
  runner.on("failed", (job, error) => onError(error, job?.data));
  return {
    async add(job) {
      const id = `${job.deliveryId}:${jobKey(job)}:${"headSha" in job ? job.headSha : ""}`.replace(/[^\w:.-]/g, "_");
      await queue.add("review", job, { jobId: id, removeOnComplete: 1000, removeOnFail: 1000 });
    },
    async drain() {
      for (;;) {
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await runner.close();
      await queue.close();
      await connection.quit();
    },
  };
}
