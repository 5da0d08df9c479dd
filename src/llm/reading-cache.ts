import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { within } from "../shared/within.js";
import { z } from "zod";
import { leftOutFileSchema, readerAnswerSchema, readingProvenanceSchema } from "../analyse/reader/index.js";

/** An answer kept for re-reviews of the same commit: what was asked, what came back, and what it cost then. */
export const cachedReadingSchema = z.object({
  answer: readerAnswerSchema,
  leftOut: z.array(leftOutFileSchema),
  cut: z.array(z.string()).default([]),
  provenance: readingProvenanceSchema,
});
export type CachedReading = z.infer<typeof cachedReadingSchema>;

/**
 * Answers by (head, base, score blob, model, prompt): a re-review or a button on the same commit never asks again.
 * In memory, and in Redis when replicas share the work.
 */
export interface ReadingCache {
  get(key: string): Promise<CachedReading | undefined>;
  set(key: string, reading: CachedReading): Promise<void>;
}

export function createMemoryReadingCache(max = 1_000): ReadingCache {
  const kept = new LRUCache<string, CachedReading>({ max });
  return {
    get: async (key) => kept.get(key),
    set: async (key, reading) => void kept.set(key, reading),
  };
}

/** How long a review waits for Redis before going on without the cache (its client waits forever while reconnecting). */
const REDIS_WAIT_MS = 2_000;

/** A week: long enough for a PR's re-reviews, short enough that Redis does not keep every answer ever given. */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * Redis behind a memory cache. What Redis holds is checked against the schema when read back (another version of
 * Maestro may have written it): what does not parse is a miss, never an answer. Redis failing is a miss too: the
 * reader asks the model rather than fail the review.
 */
export function createRedisReadingCache(redis: Redis, memory = createMemoryReadingCache()): ReadingCache {
  const redisKey = (key: string) => `maestro:llm:reading:${key}`;
  return {
    get: async (key) => {
      const near = await memory.get(key);
      if (near) return near;
      const text = await within(REDIS_WAIT_MS, "Redis", redis.get(redisKey(key))).catch(() => null);
      if (text === null) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return undefined;
      }
      const parsed = cachedReadingSchema.safeParse(json);
      if (!parsed.success) return undefined;
      await memory.set(key, parsed.data);
      return parsed.data;
    },
    set: async (key, reading) => {
      await memory.set(key, reading);
      await within(REDIS_WAIT_MS, "Redis", redis.set(redisKey(key), JSON.stringify(reading), "EX", KEEP_SECONDS)).catch(
        () => undefined,
      );
    },
  };
}
