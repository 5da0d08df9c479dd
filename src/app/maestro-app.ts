import type { ApplicationFunction, Probot } from "probot";
import { createMemoryGraphCache } from "../analyse/conformance/graph-cache.js";
import { maestroVersion } from "../version.js";
import { CHECK_RERUN_EVENTS, rerunJobs } from "./handlers/on-check-rerun.js";
import { mergeGroupJob } from "./handlers/on-merge-group.js";
import { PULL_REQUEST_EVENTS, pullRequestJob } from "./handlers/on-pull-request.js";
import { healthHandler } from "./health.js";
import { createInProcessQueue, type JobQueue } from "./in-process-queue.js";
import { createRecentSet } from "./recent-set.js";
import { jobKey, type ReviewJob } from "./review-job.js";
import { runReview } from "./run-review.js";
import { createSnapshotCache } from "./snapshot-cache.js";

export interface MaestroAppOptions {
  /** Where review jobs go; default: an in-process queue. */
  readonly createQueue?: (worker: (job: ReviewJob) => Promise<void>) => JobQueue<ReviewJob>;
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
    const latestHeads = new Map<string, string>();
    const deliveries = createRecentSet();
    const snapshots = createSnapshotCache();
    const graphs = createMemoryGraphCache();

    const worker = async (job: ReviewJob) => {
      const octokit = await app.auth(job.installationId);
      await runReview(job, { octokit, log: app.log.child({ delivery: job.deliveryId }), snapshots, graphs, latestHeads, version });
    };
    const queue = options.createQueue?.(worker) ?? createInProcessQueue(worker, jobKey, (error, job) => app.log.error({ err: error, job: jobKey(job) }, "review job crashed"));
    options.onQueue?.(queue);

    const enqueue = async (deliveryId: string, jobs: readonly (ReviewJob | undefined)[]) => {
      // A redelivered webhook (same X-GitHub-Delivery) must not review twice.
      if (!deliveries.add(deliveryId)) {
        app.log.info({ delivery: deliveryId }, "redelivered webhook: already queued");
        return;
      }
      for (const job of jobs) {
        if (!job) continue;
        if (job.kind === "pull_request") latestHeads.set(jobKey(job), job.headSha);
        await queue.add(job);
      }
    };

    app.on([...PULL_REQUEST_EVENTS], (context) => enqueue(context.id, [pullRequestJob(context.payload, context.id)]));
    app.on([...CHECK_RERUN_EVENTS], (context) => enqueue(context.id, rerunJobs(context.name, context.payload, context.id)));
    app.on("merge_group.checks_requested", (context) => enqueue(context.id, [mergeGroupJob(context.payload, context.id)]));
    addHandler(healthHandler(version));
  };
}

export default createMaestroApp();
