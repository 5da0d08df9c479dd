import { availableParallelism } from "node:os";

/** A queue of jobs: in-process by default, Redis-backed when replicas share work. */
export interface JobQueue<J> {
  /**
   * `delayMs`: no worker takes the job before then (a push waiting for a newer push of its PR). The in-process queue
   * takes it at once: the wait is the worker's (`early-checks.ts`), which knows when a newer push supersedes it.
   */
  add(job: J, delayMs?: number): Promise<void>;
  /** Resolves when every job added so far has finished (tests, graceful shutdown). */
  drain(): Promise<void>;
  /** Shutdown: resolves once this process works no job; what it leaves is for the reconciler or another replica. */
  close(): Promise<void>;
  /** The jobs this process holds that have not finished, and whether each has started. */
  unfinished(): { job: J; started: boolean }[];
}

/**
 * Reviews side by side: one per core (a review parses and resolves on the CPU between its requests), and at least
 * two, so one long review never holds up every other PR.
 */
export const REVIEW_CONCURRENCY = Math.max(2, availableParallelism());

/**
 * Jobs with the same key run one after another in arrival order; different keys run side by side
 * up to `concurrency`. A job that throws is logged by `onError` and never stops the queue.
 */
export function createInProcessQueue<J>(
  worker: (job: J) => Promise<void>,
  keyOf: (job: J) => string,
  onError: (error: unknown, job: J) => void,
  concurrency = REVIEW_CONCURRENCY,
): JobQueue<J> {
  const tails = new Map<string, Promise<void>>();
  const waiting: (() => void)[] = [];
  const held = new Set<{ job: J; started: boolean }>();
  let running = 0;
  const slot = async () => {
    if (running < concurrency) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const drain = async () => {
    while (tails.size > 0) await Promise.all([...tails.values()]);
  };
  return {
    async add(job) {
      const key = keyOf(job);
      const state = { job, started: false };
      held.add(state);
      const previous = tails.get(key) ?? Promise.resolve();
      const run = previous.then(async () => {
        await slot();
        state.started = true;
        try {
          await worker(job);
        } catch (error) {
          onError(error, job);
        } finally {
          held.delete(state);
          release();
        }
      });
      tails.set(key, run);
      void run.finally(() => {
        if (tails.get(key) === run) tails.delete(key);
      });
    },
    drain,
    // Jobs still waiting are run too: nothing else knows of them (no check run exists yet to reconcile).
    close: drain,
    unfinished: () => [...held].map(({ job, started }) => ({ job, started })),
  };
}
