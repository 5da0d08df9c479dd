import type { Logger } from "probot";
import type { GitHubClient } from "../gather/github/github-client.js";
import { reconcileChecks } from "./reconcile-checks.js";
import type { ReviewJob } from "./review-job.js";
import type { SweepLock } from "./sweep-lock.js";

export interface ReconcileSettings {
  /** Seconds between sweeps; 0 turns the reconciler off. */
  readonly intervalSeconds: number;
  readonly staleSeconds: number;
  readonly maxRequests: number;
  readonly minRateRemaining: number;
  readonly pullsPerRepo: number;
}

export interface Reconciler {
  /** No further sweep; a sweep under way makes no further request. */
  stop(): void;
}

/**
 * The first sweep comes this soon after start-up (or after one interval, if shorter): the server answers webhooks
 * first.
 */
const FIRST_SWEEP_SECONDS = 15;

/**
 * Sweeps for unfinished `Maestro` check runs shortly after start-up and then every interval, one
 * sweep at a time in this process and, through `lock`, across replicas. A sweep stopped by its
 * request cap tells where the next one starts.
 */
export function scheduleReconcile(
  deps: {
    auth: (installationId?: number) => Promise<GitHubClient>;
    enqueue: (job: ReviewJob) => Promise<void>;
    log: Logger;
  },
  settings: ReconcileSettings,
  lock: SweepLock,
): Reconciler {
  const controller = new AbortController();
  if (settings.intervalSeconds <= 0) {
    deps.log.info("reconcile: off (MAESTRO_RECONCILE_INTERVAL_SECONDS=0)");
    return { stop: () => undefined };
  }
  let running = false;
  let resumeFrom: number | undefined;
  // A run queued again stays `in_progress` until its review ends: the sweeps meanwhile must not queue it once more.
  const queuedAt = new Map<number, number>();
  const queued = (checkRunId: number) => {
    const at = queuedAt.get(checkRunId);
    return at !== undefined && Date.now() - at < settings.staleSeconds * 1000;
  };
  const enqueue = async (job: ReviewJob) => {
    for (const [id] of queuedAt) if (!queued(id)) queuedAt.delete(id);
    if (job.checkRunId !== undefined) queuedAt.set(job.checkRunId, Date.now());
    await deps.enqueue(job);
  };
  const sweep = async () => {
    if (running || controller.signal.aborted) return;
    running = true;
    try {
      // The claim lapses a little before this replica's next tick, so the one holding it may sweep again.
      if (!(await lock.claim(settings.intervalSeconds * 0.9))) return;
      const result = await reconcileChecks(
        { ...deps, enqueue, queued, signal: controller.signal },
        { ...settings, resumeFrom },
      );
      resumeFrom = result.resumeFrom;
      deps.log.debug(result, "reconcile: sweep done");
    } catch (error) {
      deps.log.error({ err: error }, "reconcile: sweep failed");
    } finally {
      running = false;
    }
  };
  // unref: the timers never keep a process alive that is otherwise done.
  const first = setTimeout(() => void sweep(), Math.min(FIRST_SWEEP_SECONDS, settings.intervalSeconds) * 1000).unref();
  const every = setInterval(() => void sweep(), settings.intervalSeconds * 1000).unref();
  return {
    stop() {
      controller.abort();
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
