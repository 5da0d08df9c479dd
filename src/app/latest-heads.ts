import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";

/**
 * The newest head SHA seen per PR, so a slow review of an older push does not overwrite the
 * sticky comment of a newer one, and a push a newer one replaced is not reviewed at all. GitHub
 * does not deliver webhooks in order (and replicas race), so each head comes with the time GitHub
 * last updated the PR when it sent it (`pull_request.updated_at`): an older event never replaces a
 * newer one. Shared through Redis when replicas share the work.
 */
export interface LatestHeads {
  set(key: string, sha: string, updatedAt: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

/** One spelling for every time, so that times compare as strings (`2026-01-01T00:00:00.000Z`). */
function normalTime(at: string): string {
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? new Date().toISOString() : time.toISOString();
}

export function createMemoryLatestHeads(limit = 10_000): LatestHeads {
  const heads = new LRUCache<string, { sha: string; at: string }>({ max: limit });
  return {
    set: async (key, sha, updatedAt) => {
      const at = normalTime(updatedAt);
      const known = heads.get(key);
      if (!known || known.at <= at) heads.set(key, { sha, at });
    },
    get: async (key) => heads.get(key)?.sha,
  };
}

const WEEK_SECONDS = 7 * 24 * 3600;

/** `time|sha`, replaced only by a time as new or newer, in one step on the Redis server. */
const SET_IF_NEWER = `
local known = redis.call('GET', KEYS[1])
local at = known and string.match(known, '^(.-)|')
if not at or at <= ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'EX', ARGV[3])
end
return 1`;

export function createRedisLatestHeads(redis: Redis): LatestHeads {
  return {
    set: async (key, sha, updatedAt) => {
      await redis.eval(SET_IF_NEWER, 1, `maestro:head:${key}`, normalTime(updatedAt), sha, String(WEEK_SECONDS));
    },
    get: async (key) => {
      const value = await redis.get(`maestro:head:${key}`);
      return value?.includes("|") ? value.slice(value.indexOf("|") + 1) : (value ?? undefined);
    },
  };
}
