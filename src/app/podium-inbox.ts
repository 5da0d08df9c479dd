import type { Redis } from "ioredis";
import { podiumEventSchema, type PodiumEvent } from "../report/podium/index.js";
import { within } from "../shared/within.js";

/**
 * The podium's events waiting for the next write, the write slot that spaces writes one debounce window apart,
 * and the issue's number once known: in this process, or in Redis so replicas write one podium, not one each.
 */
export interface PodiumInbox {
  push(repo: string, events: readonly PodiumEvent[]): Promise<void>;
  /** The events waiting, without taking them (a record read between writes sees them). */
  peek(repo: string): Promise<PodiumEvent[]>;
  /** Takes every waiting event; a failed write puts them back. */
  take(repo: string): Promise<PodiumEvent[]>;
  putBack(repo: string, events: readonly PodiumEvent[]): Promise<void>;
  /** Claims the repository's write slot for `windowMs`: 0 when claimed, else how long until it frees. */
  claim(repo: string, windowMs: number): Promise<number>;
  issue(repo: string): Promise<number | undefined>;
  setIssue(repo: string, number: number): Promise<void>;
}

export function createMemoryPodiumInbox(now: () => number = Date.now): PodiumInbox {
  const waiting = new Map<string, PodiumEvent[]>();
  const slots = new Map<string, number>();
  const issues = new Map<string, number>();
  return {
    push: async (repo, events) => void waiting.set(repo, [...(waiting.get(repo) ?? []), ...events]),
    peek: async (repo) => [...(waiting.get(repo) ?? [])],
    take: async (repo) => {
      const events = waiting.get(repo) ?? [];
      waiting.delete(repo);
      return events;
    },
    putBack: async (repo, events) => void waiting.set(repo, [...events, ...(waiting.get(repo) ?? [])]),
    claim: async (repo, windowMs) => {
      const free = slots.get(repo) ?? 0;
      if (free > now()) return free - now();
      slots.set(repo, now() + windowMs);
      return 0;
    },
    issue: async (repo) => issues.get(repo),
    setIssue: async (repo, number) => void issues.set(repo, number),
  };
}

const REDIS_WAIT_MS = 2_000;
/** Events nobody wrote for a week (the podium turned off) are not worth keeping. */
const KEEP_SECONDS = 7 * 24 * 3600;

/** The same in Redis: a list of events per repository, `SET NX PX` for the slot, the issue number beside them. */
export function createRedisPodiumInbox(redis: Redis): PodiumInbox {
  const key = (repo: string, what: string) => `maestro:podium:${repo}:${what}`;
  const wait = <T>(p: Promise<T>) => within(REDIS_WAIT_MS, "Redis", p);
  const parse = (texts: readonly string[]) =>
    texts.flatMap((text) => {
      try {
        const parsed = podiumEventSchema.safeParse(JSON.parse(text));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  return {
    push: async (repo, events) => {
      if (events.length === 0) return;
      await wait(
        redis
          .multi()
          .rpush(key(repo, "events"), ...events.map((e) => JSON.stringify(e)))
          .expire(key(repo, "events"), KEEP_SECONDS)
          .exec(),
      );
    },
    peek: async (repo) => parse(await wait(redis.lrange(key(repo, "events"), 0, -1))),
    take: async (repo) => {
      const result = await wait(redis.multi().lrange(key(repo, "events"), 0, -1).del(key(repo, "events")).exec());
      const texts = (result?.[0]?.[1] ?? []) as string[];
      return parse(texts);
    },
    putBack: async (repo, events) => {
      if (events.length === 0) return;
      await wait(redis.lpush(key(repo, "events"), ...[...events].reverse().map((e) => JSON.stringify(e))));
    },
    claim: async (repo, windowMs) => {
      const claimed = await wait(redis.set(key(repo, "slot"), "1", "PX", windowMs, "NX"));
      if (claimed === "OK") return 0;
      const left = await wait(redis.pttl(key(repo, "slot")));
      return Math.max(1, left);
    },
    issue: async (repo) => {
      const text = await wait(redis.get(key(repo, "issue")));
      return text && /^\d+$/.test(text) ? Number(text) : undefined;
    },
    setIssue: async (repo, number) => void (await wait(redis.set(key(repo, "issue"), String(number)))),
  };
}
