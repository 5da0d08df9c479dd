import type { Redis } from "ioredis";
import { createRecentSet } from "./recent-set.js";

/** Remembers webhook delivery ids (`X-GitHub-Delivery`): a redelivery must not review twice. */
export interface Deliveries {
  /** True the first time an id is seen. */
  firstTime(id: string): Promise<boolean>;
  /** Forgets an id whose work could not be queued, so GitHub's redelivery of it is taken. */
  forget(id: string): Promise<void>;
}

export function createMemoryDeliveries(): Deliveries {
  const recent = createRecentSet();
  return { firstTime: async (id) => recent.add(id), forget: async (id) => recent.delete(id) };
}

const DAY_SECONDS = 24 * 3600;

/** Across replicas: whichever replica claims the id first in Redis queues the review. */
export function createRedisDeliveries(redis: Redis): Deliveries {
  return {
    firstTime: async (id) => (await redis.set(`maestro:delivery:${id}`, "1", "EX", DAY_SECONDS, "NX")) === "OK",
    forget: async (id) => void (await redis.del(`maestro:delivery:${id}`)),
  };
}
