import type { Redis } from "ioredis";

/**
 * The newest head SHA seen per PR, so a slow review of an older push does not overwrite the
 * sticky comment of a newer one. Shared through Redis when replicas share the work.
 */
export interface LatestHeads {
  set(key: string, sha: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

export function createMemoryLatestHeads(limit = 10_000): LatestHeads {
  const heads = new Map<string, string>();
  return {
    set: async (key, sha) => {
      heads.delete(key);
      heads.set(key, sha);
      if (heads.size > limit) heads.delete(heads.keys().next().value as string);
    },
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
