/**
 * `npm start`. With APP_ID, PRIVATE_KEY and WEBHOOK_SECRET it serves webhooks; without them Probot
 * offers its setup page, which registers the app from app.yml. GHE_HOST points it at GitHub
 * Enterprise Server. With REDIS_URL, work goes through BullMQ so replicas share it. A reconciler
 * finishes check runs a crash left unfinished; SIGTERM drains the reviews under way.
 */
import { Redis } from "ioredis";
import { run, type Logger } from "probot";
import { drainOnShutdown } from "./drain-on-shutdown.js";
import type { JobQueue } from "./in-process-queue.js";
import { createMaestroApp } from "./maestro-app.js";
import { redisBackend } from "./redis-backend.js";
import { createMaestroOctokit } from "./maestro-octokit.js";
import { recoverySettings } from "./recovery-settings.js";
import type { Job } from "./review-job.js";
import { scheduleReconcile, type Reconciler } from "./schedule-reconcile.js";
import { createRedisSweepLock, type SweepLock } from "./sweep-lock.js";

/**
 * MAESTRO_REENTRY_DELAY_MS: how long re-entry gathers a base branch's moves (the app's default, 10 s, unless set).
 * A value that is not a number is refused at start-up, rather than read as 0 and re-judging on every move at once.
 */
function reentryDelayMs(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`MAESTRO_REENTRY_DELAY_MS must be a number of milliseconds (0 or more), not "${raw}"`);
  return value;
}

const { REDIS_URL, ...env } = process.env;
const settings = recoverySettings(env);
const redis = REDIS_URL ? new Redis(REDIS_URL, { maxRetriesPerRequest: null }) : undefined;
const lock: SweepLock = redis ? createRedisSweepLock(redis) : { claim: async () => true };
let queue: JobQueue<Job> | undefined;
let reconciler: Reconciler | undefined;
let log: Logger | undefined;
const maestro = createMaestroApp({
  backend: redis ? redisBackend(redis) : undefined,
  onQueue: (q) => (queue = q),
  reentryDelayMs: reentryDelayMs(env.MAESTRO_REENTRY_DELAY_MS),
});

// Probot would also use REDIS_URL for cluster-wide throttling by installing ioredis at run time with
// npx; throttling stays per process instead, and nothing is fetched at run time.
const server = await run(
  async (app, options) => {
    await maestro(app, options);
    log = app.log;
    const enqueue = async (job: Job) => {
      if (!queue) throw new Error("the review queue does not exist yet");
      await queue.add(job);
    };
    // Probot's setup mode (no APP_ID yet) never calls this function: there is nothing to reconcile then.
    reconciler = scheduleReconcile(
      { auth: (id) => app.auth(id), enqueue, log: app.log.child({ name: "reconcile" }) },
      settings.reconcile,
      lock,
    );
  },
  { Octokit: createMaestroOctokit(), env },
);
// Only once the app runs: Probot's setup mode has no reviews to drain, and Node's default exit will do.
if (log) {
  drainOnShutdown({
    server,
    queue: () => queue,
    reconciler: () => reconciler,
    graceSeconds: settings.shutdownGraceSeconds,
    log,
    close: async () => void (await redis?.quit()),
  });
}
