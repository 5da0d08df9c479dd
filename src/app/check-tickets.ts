import type { Redis } from "ioredis";

/**
 * Who creates a review's check run when replicas share the queue. The replica that accepts a webhook creates the run
 * at once (its turn in its line of writes), but any replica's worker may take the job first. A ticket per queued job,
 * in Redis, settles it: the acceptor creates the run only if no worker has taken the job, and a worker that takes it
 * uses the acceptor's run, or creates its own if the acceptor's turn has not come. Never two runs, never none.
 */
export interface CheckTickets {
  /** The job is about to be queued: its check run is the acceptor's to create. */
  open(jobId: string): Promise<void>;
  /** The acceptor's turn has come: whether the run is still its to create (no worker took the job first). */
  claim(jobId: string): Promise<boolean>;
  /** The acceptor created the run (`id`), or will not (`undefined`: superseded, or the write failed). */
  settle(jobId: string, id: number | undefined): Promise<void>;
  /**
   * A worker takes the job: the run the acceptor created (waiting while its creation is under way), or undefined,
   * in which case the worker creates it (the acceptor's turn had not come, and now will not).
   */
  take(jobId: string): Promise<number | undefined>;
}

const PENDING = "pending";
const CREATING = "creating";
const TAKEN = "taken";
const NONE = "none";
/** A ticket outlives any wait in the queue. */
const TICKET_SECONDS = 24 * 3600;
/**
 * How long a creation may take before a worker stops waiting for it: past Octokit's retries of a slow or rate-limited
 * GitHub (a secondary limit's wait is about a minute, retried up to five times). An acceptor that died mid-creation
 * leaves a run in_progress that the reconciler finishes.
 */
const CREATING_SECONDS = 600;

/** The ticket becomes ARGV[1] if it holds one of ARGV[3…], in one step on the server; answers what it held. */
const SWAP = `
local held = redis.call('GET', KEYS[1])
for i = 3, #ARGV do
  if held == ARGV[i] then
    redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
    break
  end
end
return held`;

export function createRedisCheckTickets(redis: Redis, pollMs = 50): CheckTickets {
  const key = (jobId: string) => `maestro:check-ticket:${jobId}`;
  const swap = (jobId: string, to: string, seconds: number, ...from: string[]) =>
    redis.eval(SWAP, 1, key(jobId), to, String(seconds), ...from) as Promise<string | null>;
  return {
    // Never over a ticket already there: a redelivered webhook's job is the same job, whose run may exist.
    open: async (jobId) => void (await redis.set(key(jobId), PENDING, "EX", TICKET_SECONDS, "NX")),
    claim: async (jobId) => (await swap(jobId, CREATING, CREATING_SECONDS, PENDING)) === PENDING,
    settle: async (jobId, id) => {
      if (id !== undefined) await redis.set(key(jobId), String(id), "EX", TICKET_SECONDS);
      // Unless a worker took the job meanwhile: then the run is the worker's.
      else await swap(jobId, NONE, TICKET_SECONDS, PENDING, CREATING);
    },
    take: async (jobId) => {
      for (;;) {
        const held = await swap(jobId, TAKEN, TICKET_SECONDS, PENDING);
        // The acceptor's request is under way: its run is the job's (or, if the acceptor dies, the key lapses).
        if (held === CREATING) {
          await new Promise((resolve) => setTimeout(resolve, pollMs));
          continue;
        }
        const id = held === null ? Number.NaN : Number(held);
        return Number.isSafeInteger(id) && id > 0 ? id : undefined;
      }
    },
  };
}
