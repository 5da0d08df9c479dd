import type { Logger } from "probot";
import type { BaseMove } from "./handlers/on-base-moved.js";
import type { BaseMovedJob } from "./review-job.js";

/**
 * Re-entry waits a few seconds per base branch before it runs: a merge arrives as `pull_request.closed` and as a
 * push, and a merge train lands several PRs in a row. The moves of the window become one job, so an overlapping PR
 * is re-judged once, on the newest base.
 */
export function createReentryDebounce(
  delayMs: number,
  enqueue: (job: BaseMovedJob) => Promise<void>,
  log: Logger,
): { add(move: BaseMove): void; flush(): Promise<void> } {
  const pending = new Map<string, { job: BaseMovedJob; timer: NodeJS.Timeout }>();
  const fire = async (key: string) => {
    const entry = pending.get(key);
    if (!entry) return;
    pending.delete(key);
    clearTimeout(entry.timer);
    try {
      await enqueue(entry.job);
    } catch (error) {
      log.error({ err: error, base: key }, "could not queue the re-entry of the open PRs");
    }
  };
  return {
    add: (move) => {
      const key = `${move.owner}/${move.repo}:${move.base}`;
      const before = pending.get(key)?.job;
      const job: BaseMovedJob = before
        ? {
            ...before,
            deliveryId: move.deliveryId,
            baseSha: move.baseSha,
            merged: [...before.merged, ...move.merged],
            closed: [...before.closed, ...move.closed],
            pushedFiles: [...new Set([...before.pushedFiles, ...move.pushedFiles])],
            ...(before.compare || move.compare
              ? {
                  compare: {
                    before: before.compare?.before ?? move.compare?.before ?? "",
                    after: move.compare?.after ?? before.compare?.after ?? "",
                  },
                }
              : {}),
          }
        : { kind: "base_moved", ...move };
      // The window runs from the first move: a steady stream of merges cannot put re-entry off for ever.
      const timer = pending.get(key)?.timer ?? setTimeout(() => void fire(key), delayMs);
      timer.unref();
      pending.set(key, { job, timer });
    },
    flush: async () => {
      await Promise.all([...pending.keys()].map(fire));
    },
  };
}
