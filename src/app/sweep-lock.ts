import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Lets one replica at a time sweep for unfinished check runs. */
export interface SweepLock {
  /** True when this replica may sweep now; the claim lapses by itself after `seconds`. */
  claim(seconds: number): Promise<boolean>;
}

/**
 * Across replicas sharing Redis: the first to claim sweeps, the others skip until the claim lapses.
 * It is never released, so the replicas together sweep about once per interval rather than once
 * each; a replica that dies mid-sweep holds it no longer than that.
 */
export function createRedisSweepLock(redis: Redis, key = "maestro:reconcile-lock"): SweepLock {
  const me = randomUUID();
  return {
    claim: async (seconds) => (await redis.set(key, me, "EX", Math.max(1, Math.floor(seconds)), "NX")) === "OK",
  };
}
