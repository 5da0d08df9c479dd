/** A queue of jobs: in-process by default, Redis-backed when replicas share work. */
export interface JobQueue<J> {
  add(job: J): Promise<void>;
  /** Resolves when every job added so far has finished (tests, graceful shutdown). */
  drain(): Promise<void>;
}

/**
 * Jobs with the same key run one after another in arrival order; different keys run side by side
 * up to `concurrency`. A job that throws is logged by `onError` and never stops the queue.
 */
export function createInProcessQueue<J>(worker: (job: J) => Promise<void>, keyOf: (job: J) => string, onError: (error: unknown, job: J) => void, concurrency = 4): JobQueue<J> {
  const tails = new Map<string, Promise<void>>();
  const waiting: (() => void)[] = [];
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
  return {
    async add(job) {
      const key = keyOf(job);
      const previous = tails.get(key) ?? Promise.resolve();
      const run = previous.then(async () => {
        await slot();
        try {
          await worker(job);
        } catch (error) {
          onError(error, job);
        } finally {
          release();
        }
      });
      tails.set(key, run);
      void run.finally(() => {
        if (tails.get(key) === run) tails.delete(key);
      });
    },
    async drain() {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}
