import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { KnownVerdict } from "../gather/github/open-pulls.js";
import { within } from "../shared/within.js";

/**
 * Maestro's last verdict on each PR's head, so a review can say how the PRs it overlaps stand without asking
 * GitHub for their check runs. A cache, never the truth: a verdict missing here is shown as "not judged yet".
 */
export interface PullVerdicts {
  get(repo: string, numbers: readonly number[]): Promise<Map<number, KnownVerdict>>;
  set(repo: string, number: number, verdict: KnownVerdict): Promise<void>;
}

const knownVerdictSchema = z.object({
  head: z.string(),
  verdict: z.enum(["pass", "conductor", "block"]),
  risk: z.number().int(),
});

export function createMemoryPullVerdicts(max = 10_000): PullVerdicts {
  const kept = new LRUCache<string, KnownVerdict>({ max });
  return {
    get: async (repo, numbers) => {
      const found = new Map<number, KnownVerdict>();
      for (const n of numbers) {
        const v = kept.get(`${repo}#${n}`);
        if (v) found.set(n, v);
      }
      return found;
    },
    set: async (repo, number, verdict) => void kept.set(`${repo}#${number}`, verdict),
  };
}

const REDIS_WAIT_MS = 2_000;
/** A PR open longer than this without a push has a verdict worth re-reading anyway. */
const KEEP_SECONDS = 30 * 24 * 3600;

/** One Redis hash per repository, shared by replicas; Redis failing or an entry that does not parse is a miss. */
export function createRedisPullVerdicts(redis: Redis): PullVerdicts {
  const key = (repo: string) => `maestro:verdicts:${repo}`;
  return {
    get: async (repo, numbers) => {
      const found = new Map<number, KnownVerdict>();
      if (numbers.length === 0) return found;
      const values = await within(REDIS_WAIT_MS, "Redis", redis.hmget(key(repo), ...numbers.map(String))).catch(
        () => [] as (string | null)[],
      );
      numbers.forEach((n, i) => {
        const text = values[i];
        if (!text) return;
        try {
          const parsed = knownVerdictSchema.safeParse(JSON.parse(text));
          if (parsed.success) found.set(n, parsed.data);
        } catch {
          // Not JSON: another version wrote it; a miss.
        }
      });
      return found;
    },
    set: async (repo, number, verdict) => {
      await within(
        REDIS_WAIT_MS,
        "Redis",
        redis.multi().hset(key(repo), String(number), JSON.stringify(verdict)).expire(key(repo), KEEP_SECONDS).exec(),
      ).catch(() => undefined);
    },
  };
}
