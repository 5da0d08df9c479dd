import type { Redis } from "ioredis";
import { createLruMap } from "../analyse/lru-map.js";

/**
 * The newest head SHA seen per PR, so a slow review of an older push does not overwrite the
 * sticky comment of a newer one. Shared through Redis when replicas share the work.
 */
export interface LatestHeads {
  set(key: string, sha: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

export function createMemoryLatestHeads(limit = 10_000): LatestHeads {
  const heads = createLruMap<string, string>(limit);
  return {
    set: async (key, sha) => heads.set(key, sha),
    get: async (key) => heads.get(key),
  };
}

const WEEK_SECONDS = 7 * 24 * 3600;

export function createRedisLatestHeads(redis: Redis): LatestHeads {
  return {
    set: async (key, sha) => {
      await redis.set(`maestro:head:${key}`, sha, "EX", WEEK_SECONDS);
    },
    get: async (key) => (await redis.get(`maestro:head:${key}`)) ?? undefined,
  };
}
