import type { ApplicationFunction, Probot } from "probot";
import { createMemoryGraphCache } from "../analyse/conformance/graph-cache.js";
import { maestroVersion } from "../version.js";
import { createMemoryDeliveries, type Deliveries } from "./deliveries.js";
import { CHECK_RERUN_EVENTS, rerunJobs } from "./handlers/on-check-rerun.js";
import { mergeGroupJob } from "./handlers/on-merge-group.js";
import { PULL_REQUEST_EVENTS, pullRequestJob } from "./handlers/on-pull-request.js";
import { healthHandler } from "./health.js";
import { createInProcessQueue, type JobQueue } from "./in-process-queue.js";
import { createMemoryLatestHeads, type LatestHeads } from "./latest-heads.js";
import { createMetrics } from "./metrics.js";
import { jobKey, type ReviewJob } from "./review-job.js";
import { runReview } from "./run-review.js";
import { createSnapshotCache } from "./snapshot-cache.js";

/** Where the app keeps shared state: in this process by default, in Redis when replicas share work. */
export interface Backend {
  createQueue(worker: (job: ReviewJob) => Promise<void>, onError: (error: unknown, job: unknown) => void): JobQueue<ReviewJob>;
  readonly latestHeads: LatestHeads;
  readonly deliveries: Deliveries;
}

export function inProcessBackend(): Backend {
  return {
    createQueue: (worker, onError) => createInProcessQueue(worker, jobKey, onError),
    latestHeads: createMemoryLatestHeads(),
    deliveries: createMemoryDeliveries(),
  };
}

export interface MaestroAppOptions {
  readonly backend?: Backend;
  /** Called with the queue once it exists (tests drain it). */
  readonly onQueue?: (queue: JobQueue<ReviewJob>) => void;
}

/**
 * The GitHub App. Handlers only turn events into review jobs and queue them, so a webhook is
 * answered at once (GitHub gives up after 10 s); the worker does the review.
 */
export function createMaestroApp(options: MaestroAppOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const version = maestroVersion();
    const backend = options.backend ?? inProcessBackend();
    const metrics = createMetrics();
    const snapshots = createSnapshotCache();
    const graphs = createMemoryGraphCache();

    const worker = async (job: ReviewJob) => {
      const octokit = await app.auth(job.installationId);
      const log = app.log.child({ delivery: job.deliveryId });
      await runReview(job, { octokit, log, snapshots, graphs, latestHeads: backend.latestHeads, version, onReviewed: metrics.review });
    };
    const queue = backend.createQueue(worker, (error, job) => app.log.error({ err: error, job }, "review job crashed"));
    options.onQueue?.(queue);

    const enqueue = async (event: string, deliveryId: string, jobs: readonly (ReviewJob | undefined)[]) => {
      const real = jobs.filter((j): j is ReviewJob => j !== undefined);
      if (real.length === 0) return metrics.webhook(event, "ignored");
      if (!(await backend.deliveries.firstTime(deliveryId))) {
        app.log.info({ delivery: deliveryId }, "redelivered webhook: already queued");
        return metrics.webhook(event, "duplicate");
      }
      for (const job of real) {
        if (job.kind === "pull_request") await backend.latestHeads.set(jobKey(job), job.headSha);
        await queue.add(job);
      }
      metrics.webhook(event, "queued");
    };

    app.on([...PULL_REQUEST_EVENTS], (context) => enqueue(context.name, context.id, [pullRequestJob(context.payload, context.id)]));
    app.on([...CHECK_RERUN_EVENTS], (context) => enqueue(context.name, context.id, rerunJobs(context.name, context.payload, context.id)));
    app.on("merge_group.checks_requested", (context) => enqueue(context.name, context.id, [mergeGroupJob(context.payload, context.id)]));
    addHandler(healthHandler(version));
    addHandler(metrics.handler);
  };
}

export default createMaestroApp();
