import type { Logger } from "probot";
import type { JobQueue } from "./in-process-queue.js";
import type { Reconciler } from "./schedule-reconcile.js";
import { jobKey, type Job } from "./review-job.js";

export interface Drainable {
  /** Probot's server: stops accepting connections, lets requests under way finish. */
  readonly server: { stop(): Promise<void> };
  readonly queue: () => JobQueue<Job> | undefined;
  readonly reconciler: () => Reconciler | undefined;
  readonly graceSeconds: number;
  readonly log: Logger;
  /** Closes what remains (the Redis connection) once the queue is done with it. */
  readonly close?: () => Promise<void>;
}

/**
 * On SIGTERM (a deploy, a scale-down): no new webhooks, running reviews finish within the grace
 * period, then the process exits 0. A review still running then is named in the log; its
 * `in_progress` check run is left to the reconciler (or, with Redis, to BullMQ's stalled-job
 * recovery on another replica).
 */
export function drainOnShutdown(target: Drainable): void {
  process.once("SIGTERM", () => {
    void shutdown(target).then(
      () => process.exit(0),
      (error: unknown) => {
        target.log.error({ err: error }, "shutdown: could not drain");
        process.exit(1);
      },
    );
  });
}

async function shutdown({ server, queue, reconciler, graceSeconds, log, close }: Drainable): Promise<void> {
  log.info({ graceSeconds }, "shutdown: no new webhooks; finishing the reviews under way");
  reconciler()?.stop();
  const deadline = Date.now() + graceSeconds * 1000;
  const intime = async (work: Promise<void>): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>(
      (resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))),
    );
    try {
      return await Promise.race([work.then(() => true), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  const work = queue();
  const [, drained] = await Promise.all([intime(server.stop()), work ? intime(work.close()) : Promise.resolve(true)]);
  const left = work?.unfinished() ?? [];
  if (!drained && left.length > 0) {
    const jobs = left.map(({ job, started }) => ({
      job: jobKey(job),
      headSha: "headSha" in job ? job.headSha : undefined,
      kind: job.kind,
      started,
    }));
    log.warn(
      { jobs },
      `shutdown: ${left.length} job(s) unfinished after ${graceSeconds} s; their check runs are left to the reconciler (with Redis, BullMQ hands the jobs to another replica)`,
    );
    return;
  }
  log.info("shutdown: every review finished");
  if (close) await intime(close());
}
