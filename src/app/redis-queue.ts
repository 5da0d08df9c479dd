import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { REVIEW_CONCURRENCY, type JobQueue } from "./in-process-queue.js";
import { jobSchema, queuedJobId, type Job } from "./review-job.js";
import type { CheckRunStarted } from "./review-deps.js";

const QUEUE_NAME = "maestro-reviews";

/**
 * How BullMQ gets a job back from a replica that died (a deploy, an out-of-memory kill): the
 * worker holds a lock on each job it works, renewed every half `lockDuration`; a lock that lapses
 * marks the job stalled, and any replica's check (every `stalledInterval`) puts it back in the
 * queue for whichever replica is alive, or this one after its restart.
 */
export const STALLED_JOB_RECOVERY = {
  // A review may block the event loop for a while (parsing a large change), and a lock lapsing
  // while its worker lives means a second review of the same job: a minute is well past that.
  lockDuration: 60_000,
  // BullMQ's default: with the lock, a dead replica's job is back in the queue within 90 s.
  stalledInterval: 30_000,
  // Survives two deaths (a deploy, then another); a job that keeps killing its worker (a change
  // too large for memory) then fails instead of taking every replica down in turn. Its check run
  // is left to the reconciler, which finishes it.
  maxStalledCount: 2,
} as const;

/**
 * Review jobs through BullMQ on Redis: every replica adds jobs and works them, so a webhook
 * answered by one replica may be reviewed by another. A job id per delivery and head keeps a
 * redelivery from queueing twice even if two replicas receive it.
 */
export function createRedisQueue(
  redis: Redis,
  worker: (job: Job, onCheckRun?: CheckRunStarted) => Promise<void>,
  onError: (error: unknown, job: unknown) => void,
  concurrency = REVIEW_CONCURRENCY,
): JobQueue<Job> {
  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const workerConnection = redis.duplicate({ maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection });
  const active = new Set<Job>();
  const runner = new Worker(
    QUEUE_NAME,
    async (entry) => {
      const job = jobSchema.parse(entry.data);
      active.add(job);
      try {
        // The check run's id rides on the job in Redis: a replica that takes over a stalled job
        // finishes that run rather than leaving it in_progress beside a new one.
        await worker(
          job,
          job.kind === "command" ? undefined : (checkRunId) => entry.updateData({ ...job, checkRunId }),
        );
      } finally {
        active.delete(job);
      }
    },
    { connection: workerConnection, concurrency, ...STALLED_JOB_RECOVERY },
  );
  runner.on("failed", (job, error) => onError(error, job?.data));
  return {
    async add(job, delayMs = 0) {
      await queue.add("review", job, {
        jobId: queuedJobId(job),
        removeOnComplete: 1000,
        removeOnFail: 1000,
        ...(delayMs > 0 ? { delay: delayMs } : {}),
      });
    },
    async drain() {
      for (;;) {
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    // Takes no new job and waits for the active ones; the waiting ones stay in Redis for the other replicas.
    async close() {
      await runner.close();
      await queue.close();
      await connection.quit();
      await workerConnection.quit();
    },
    unfinished: () => [...active].map((job) => ({ job, started: true })),
  };
}
