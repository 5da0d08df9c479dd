import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { within } from "../shared/within.js";

/**
 * `llm.max_calls_per_pr`: calls to the model per PR per day (UTC), so that a PR pushed fifty times costs ten calls,
 * not fifty. Answers from the cache are free and never counted.
 */
export interface CallAllowance {
  /** Counts one call for `pr` today and says whether it is within `limit`. */
  take(pr: string, limit: number, now: Date): Promise<boolean>;
}

const day = (now: Date) => now.toISOString().slice(0, 10);

export function createMemoryCallAllowance(max = 10_000): CallAllowance {
  const calls = new LRUCache<string, number>({ max });
  return {
    take: async (pr, limit, now) => {
      const key = `${pr}@${day(now)}`;
      const count = (calls.get(key) ?? 0) + 1;
      calls.set(key, count);
      return count <= limit;
    },
  };
}

/** How long a review waits for Redis to count a call; past it the reader is unavailable, and says why. */
const REDIS_WAIT_MS = 2_000;

/** Two days, so a count outlives the day it counts whatever the replicas' clocks say. */
const KEEP_SECONDS = 2 * 24 * 3600;

/** Shared by the replicas: INCR is atomic, so two replicas racing on one PR count two calls. */
export function createRedisCallAllowance(redis: Redis): CallAllowance {
  return {
    take: async (pr, limit, now) => {
      const key = `maestro:llm:calls:${pr}:${day(now)}`;
      const count = await within(REDIS_WAIT_MS, "Redis", redis.incr(key));
      if (count === 1) await within(REDIS_WAIT_MS, "Redis", redis.expire(key, KEEP_SECONDS));
      return count <= limit;
    },
  };
}
