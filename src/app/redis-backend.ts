import type { Redis } from "ioredis";
import { createRedisCallAllowance } from "../llm/call-allowance.js";
import { createRedisReadingCache } from "../llm/reading-cache.js";
import { createRedisCheckTickets } from "./check-tickets.js";
import { createRedisDeliveries } from "./deliveries.js";
import { createRedisLatestHeads } from "./latest-heads.js";
import type { Backend } from "./maestro-app.js";
import { createRedisPodiumInbox } from "./podium-inbox.js";
import { createRedisPullVerdicts } from "./pull-verdicts.js";
import { createRedisQueue } from "./redis-queue.js";

/** `REDIS_URL`: the queue and what replicas must agree on live in Redis, so any replica may take any job. */
export function redisBackend(redis: Redis): Backend {
  return {
    createQueue: (worker, onError) => createRedisQueue(redis, worker, onError),
    latestHeads: createRedisLatestHeads(redis),
    deliveries: createRedisDeliveries(redis),
    readings: createRedisReadingCache(redis),
    readerCalls: createRedisCallAllowance(redis),
    pullVerdicts: createRedisPullVerdicts(redis),
    podiumInbox: createRedisPodiumInbox(redis),
    checkTickets: createRedisCheckTickets(redis),
  };
}
