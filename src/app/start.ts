import { Redis } from "ioredis";
import { run } from "probot";
import { createRedisDeliveries } from "./deliveries.js";
import { createRedisLatestHeads } from "./latest-heads.js";
import { createMaestroApp, type Backend } from "./maestro-app.js";
import { createMaestroOctokit } from "./maestro-octokit.js";
import { createRedisQueue } from "./redis-queue.js";

/**
 * `npm start`. With APP_ID, PRIVATE_KEY and WEBHOOK_SECRET it serves webhooks; without them Probot
 * offers its setup page, which registers the app from app.yml. GHE_HOST points it at GitHub
 * Enterprise Server. With REDIS_URL, work goes through BullMQ so replicas share it.
 */
function redisBackend(url: string): Backend {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  return {
    createQueue: (worker, onError) => createRedisQueue(redis, worker, onError),
    latestHeads: createRedisLatestHeads(redis),
    deliveries: createRedisDeliveries(redis),
  };
}

const { REDIS_URL, ...env } = process.env;
const backend = REDIS_URL ? redisBackend(REDIS_URL) : undefined;
// Probot would also use REDIS_URL for cluster-wide throttling by installing ioredis at run time with
// npx; throttling stays per process instead, and nothing is fetched at run time.
await run(createMaestroApp({ backend }), { Octokit: createMaestroOctokit(), env });
