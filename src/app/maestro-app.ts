import type { ApplicationFunction, Probot } from "probot";
import { createMemoryGraphCache } from "../analyse/conformance/index.js";
import { maestroVersion } from "../version.js";
import { createMemoryDeliveries, type Deliveries } from "./deliveries.js";
import { CHECK_RERUN_EVENTS, rerunJobs } from "./handlers/on-check-rerun.js";
import { mergeGroupJob } from "./handlers/on-merge-group.js";
import { PULL_REQUEST_EVENTS, pullRequestJob } from "./handlers/on-pull-request.js";
import { healthHandler } from "./health.js";
import { createInProcessQueue, type JobQueue } from "./in-process-queue.js";
import { createMemoryLatestHeads, type LatestHeads } from "./latest-heads.js";
import { createGateCache } from "./gate-cache.js";
import { createMetrics } from "./metrics.js";
import { commentJob } from "./handlers/on-issue-comment.js";
import { jobKey, type CommandJob, type Job } from "./review-job.js";
import { runCommands } from "./run-commands.js";
import type { CheckRunStarted, ReaderDeps, ReviewDeps } from "./review-deps.js";
import { createMemoryCallAllowance, type CallAllowance } from "../llm/call-allowance.js";
import { createMemoryReadingCache, type ReadingCache } from "../llm/reading-cache.js";
import { runReview } from "./run-review.js";
import { createEphemeralSignOffSeal, createSignOffSeal } from "../publish/sign-off-seal.js";
import { createSnapshotCache } from "./snapshot-cache.js";

/** Where the app keeps shared state: in this process by default, in Redis when replicas share work. */
export interface Backend {
  createQueue(
    worker: (job: Job, onCheckRun?: CheckRunStarted) => Promise<void>,
    onError: (error: unknown, job: unknown) => void,
  ): JobQueue<Job>;
  readonly latestHeads: LatestHeads;
  readonly deliveries: Deliveries;
  /** The second reader's answers, per commit, score, model and prompt. */
  readonly readings: ReadingCache;
  /** The second reader's calls per PR per day. */
  readonly readerCalls: CallAllowance;
}

export function inProcessBackend(): Backend {
  return {
    createQueue: (worker, onError) => createInProcessQueue(worker, jobKey, onError),
    latestHeads: createMemoryLatestHeads(),
    deliveries: createMemoryDeliveries(),
    readings: createMemoryReadingCache(),
    readerCalls: createMemoryCallAllowance(),
  };
}

export interface MaestroAppOptions {
  readonly backend?: Backend;
  /** Called with the queue once it exists (tests drain it). */
  readonly onQueue?: (queue: JobQueue<Job>) => void;
  /**
   * The secret that seals sign-offs in the sticky comment; default MAESTRO_SIGNING_SECRET, else the
   * webhook secret. Replicas must share it. Without one, sign-offs hold only for this process.
   */
  readonly signingSecret?: string;
  /** Pauses before trying a failed completing write again (tests shorten them). */
  readonly completionRetryDelaysMs?: readonly number[];
  /** The second reader's server; default OPENAI_API_KEY and OPENAI_BASE_URL. */
  readonly openai?: { readonly apiKey?: string; readonly baseURL?: string };
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
    const gates = createGateCache();
    const secret = options.signingSecret ?? process.env.MAESTRO_SIGNING_SECRET ?? process.env.WEBHOOK_SECRET;
    if (!secret) app.log.warn("no MAESTRO_SIGNING_SECRET or WEBHOOK_SECRET: sign-offs will not survive a restart");
    const seal = secret ? createSignOffSeal(secret) : createEphemeralSignOffSeal();
    const reader: ReaderDeps = {
      apiKey: options.openai?.apiKey ?? process.env.OPENAI_API_KEY,
      baseURL: options.openai?.baseURL ?? process.env.OPENAI_BASE_URL,
      cache: backend.readings,
      allowance: backend.readerCalls,
      jsonObjectOnly: new Set(),
    };

    // Maestro's own bot login, to tell its sticky comment from anyone's pasted marker.
    let botLogin: Promise<string> | undefined;
    const ownLogin = () =>
      (botLogin ??= app
        .auth()
        .then((octokit) => octokit.rest.apps.getAuthenticated())
        .then(({ data }) => `${data?.slug ?? "maestro"}[bot]`)
        .catch((error: unknown) => {
          botLogin = undefined;
          throw error;
        }));

    const worker = async (job: Job, onCheckRun?: CheckRunStarted) => {
      const octokit = await app.auth(job.installationId);
      const log = app.log.child({ delivery: job.deliveryId });
      // The bot login is asked for lazily, inside the review: a failing `GET /app` must not stop the check run from
      // appearing.
      const deps: ReviewDeps = {
        octokit,
        log,
        snapshots,
        graphs,
        latestHeads: backend.latestHeads,
        version,
        ownLogin,
        seal,
        onReviewed: metrics.review,
        gates,
        reader,
        ...(options.completionRetryDelaysMs ? { completionRetryDelaysMs: options.completionRetryDelaysMs } : {}),
        ...(onCheckRun ? { onCheckRunStarted: onCheckRun } : {}),
      };
      if (job.kind === "command") await runCommands(job, deps);
      else await runReview(job, deps);
    };
    const queue = backend.createQueue(worker, (error, job) => app.log.error({ err: error, job }, "review job crashed"));
    options.onQueue?.(queue);

    /**
     * `pushed`: the jobs carry the PR's newest head (a pull_request event), not a re-run of some
     * commit. `headNow`: the PR's head as GitHub says it now, asked only for a sign-off when Maestro
     * has seen no push of that PR (a restart, a new install). A delivery whose work could not be
     * queued is forgotten, so GitHub's redelivery of it is taken.
     */
    const enqueue = async (
      event: string,
      deliveryId: string,
      jobs: readonly (Job | undefined)[],
      pushed = false,
      headNow?: (job: CommandJob) => Promise<string>,
    ) => {
      const real = jobs.filter((j): j is Job => j !== undefined);
      if (real.length === 0) return metrics.webhook(event, "ignored");
      if (!(await backend.deliveries.firstTime(deliveryId))) {
        app.log.info({ delivery: deliveryId }, "redelivered webhook: already queued");
        return metrics.webhook(event, "duplicate");
      }
      try {
        for (const job of real) {
          if (pushed && job.kind === "pull_request")
            await backend.latestHeads.set(jobKey(job), job.headSha, job.updatedAt ?? new Date().toISOString());
          await queue.add(
            job.kind === "command" && job.headSha === undefined
              ? { ...job, ...(await actedOnHead(job, headNow)) }
              : job,
          );
        }
      } catch (error) {
        await backend.deliveries.forget(deliveryId);
        throw error;
      }
      metrics.webhook(event, "queued");
    };

    /** A comment acts on the head its writer saw: the newest push Maestro knew of when it arrived. */
    const actedOnHead = async (
      job: CommandJob,
      headNow?: (job: CommandJob) => Promise<string>,
    ): Promise<{ headSha?: string }> => {
      const seen = await backend.latestHeads.get(jobKey(job));
      if (seen) return { headSha: seen };
      const signs = job.commands.some((c) => c.kind === "approve" || c.kind === "override");
      return signs && headNow ? { headSha: await headNow(job) } : {};
    };

    app.on([...PULL_REQUEST_EVENTS], (context) =>
      enqueue(context.name, context.id, [pullRequestJob(context.payload, context.id)], true),
    );
    app.on([...CHECK_RERUN_EVENTS], (context) =>
      enqueue(context.name, context.id, rerunJobs(context.name, context.payload, context.id)),
    );
    app.on("merge_group.checks_requested", (context) =>
      enqueue(context.name, context.id, [mergeGroupJob(context.payload, context.id)]),
    );
    app.on("issue_comment.created", (context) =>
      enqueue(context.name, context.id, [commentJob(context.payload, context.id)], false, async (job) => {
        const { data } = await context.octokit.rest.pulls.get({
          owner: job.owner,
          repo: job.repo,
          pull_number: job.pullNumber,
        });
        return data.head.sha;
      }),
    );
    addHandler(healthHandler(version));
    addHandler(metrics.handler);
  };
}

export default createMaestroApp();
