import type { ApplicationFunction, Probot } from "probot";
import { createMemoryGraphCache } from "../analyse/conformance/index.js";
import { maestroVersion } from "../version.js";
import { createMemoryDeliveries, type Deliveries } from "./deliveries.js";
import { CHECK_RERUN_EVENTS, rerunJobs } from "./handlers/on-check-rerun.js";
import { mergeGroupJob } from "./handlers/on-merge-group.js";
import { PULL_REQUEST_EVENTS, pullRequestJob } from "./handlers/on-pull-request.js";
import { healthHandler } from "./health.js";
import { createIdleRelease } from "./idle-release.js";
import { createInProcessQueue, type JobQueue } from "./in-process-queue.js";
import { createMemoryLatestHeads, type LatestHeads } from "./latest-heads.js";
import { createGateCache } from "./gate-cache.js";
import { createMetrics } from "./metrics.js";
import { commentJob } from "./handlers/on-issue-comment.js";
import { jobKey, type CommandJob, type Job, type ReviewJob } from "./review-job.js";
import { runCommands } from "./run-commands.js";
import type { CheckRunStarted, OrchestraDeps, ReaderDeps, ReviewDeps } from "./review-deps.js";
import { createMemoryCallAllowance, type CallAllowance } from "../llm/call-allowance.js";
import { createMemoryReadingCache, type ReadingCache } from "../llm/reading-cache.js";
import { runReview } from "./run-review.js";
import { createEphemeralSignOffSeal, createSignOffSeal } from "../publish/sign-off-seal.js";
import { createSnapshotCache, DEFAULT_CACHE_MB } from "./snapshot-cache.js";
import { LRUCache } from "lru-cache";
import type { PullFiles } from "../gather/github/open-pulls.js";
import { closedPullMove, pushMove, type BaseMove } from "./handlers/on-base-moved.js";
import { createMemoryPodiumInbox, type PodiumInbox } from "./podium-inbox.js";
import { createPodiumUpdates, type PodiumUpdates } from "./podium-updates.js";
import { createMemoryPullVerdicts, type PullVerdicts } from "./pull-verdicts.js";
import { createReentryDebounce } from "./reentry-debounce.js";
import type { CheckTickets } from "./check-tickets.js";
import { createEarlyChecks } from "./early-checks.js";
import { createWritePriority, type WritePriority } from "./write-priority.js";
import { runReentry } from "./run-reentry.js";

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
  /** Maestro's last verdict per PR, shown to the PRs that overlap it. */
  readonly pullVerdicts: PullVerdicts;
  /** The podium's waiting events and write slot. */
  readonly podiumInbox: PodiumInbox;
  /**
   * Who creates a check run on arrival, when another replica's worker may take the job first (Redis). Without them,
   * the process that accepts a job works it.
   */
  readonly checkTickets?: CheckTickets;
}

export function inProcessBackend(): Backend {
  return {
    createQueue: (worker, onError) => createInProcessQueue(worker, jobKey, onError),
    latestHeads: createMemoryLatestHeads(),
    deliveries: createMemoryDeliveries(),
    readings: createMemoryReadingCache(),
    readerCalls: createMemoryCallAllowance(),
    pullVerdicts: createMemoryPullVerdicts(),
    podiumInbox: createMemoryPodiumInbox(),
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
  /** How long re-entry gathers the moves of a base branch before re-judging (default 10 s; tests shorten it). */
  readonly reentryDelayMs?: number;
  /** The snapshot cache's bound in MB; default `MAESTRO_CACHE_MB`, else 128. */
  readonly cacheMb?: number;
  /** Called with the installations' lines of writes once they exist (tests see what waits). */
  readonly onWrites?: (writes: WritePriority) => void;
  /** How long a push waits for a newer push of its PR before it is reviewed (default 300 ms). */
  readonly pushSettleMs?: number;
  /** Called with the podium writer once it exists (tests wait for its writes). */
  readonly onPodium?: (podium: PodiumUpdates) => void;
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
    const snapshots = createSnapshotCache(options.cacheMb ?? cacheMbFromEnv());
    const graphs = createMemoryGraphCache();
    const gates = createGateCache();
    // Every client of an installation shares its line of writes: check runs on arrival go first.
    const priority = createWritePriority();
    options.onWrites?.(priority);
    const auth = (id: number) => app.auth(id).then((octokit) => priority.prioritize(id, octokit));
    const settleMs = options.pushSettleMs ?? 300;
    const early = createEarlyChecks({
      priority,
      version,
      log: app.log.child({ name: "early-checks" }),
      settleMs,
      latestHeads: backend.latestHeads,
      ...(backend.checkTickets ? { tickets: backend.checkTickets } : {}),
      ...(options.completionRetryDelaysMs ? { completionRetryDelaysMs: options.completionRetryDelaysMs } : {}),
    });
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

    // Bound once the queue exists, below.
    let reviewsWaiting: (installationId: number) => boolean = () => false;
    const podium = createPodiumUpdates({
      inbox: backend.podiumInbox,
      auth,
      ownLogin,
      seal,
      log: app.log.child({ name: "podium" }),
      reviewsWaiting: (id) => reviewsWaiting(id),
    });
    options.onPodium?.(podium);
    const orchestra: OrchestraDeps = {
      files: new LRUCache<string, PullFiles>({ max: 5_000 }),
      verdicts: backend.pullVerdicts,
      podium,
    };
    // Bound once the queue exists: a re-entry queues the reviews it asks for.
    let addJob: (job: Job) => Promise<void> = () => Promise.reject(new Error("the review queue does not exist yet"));

    const worker = async (job: Job, onCheckRun?: CheckRunStarted) => {
      try {
        await work(job, onCheckRun);
      } finally {
        idle.jobEnded();
      }
    };
    const work = async (job: Job, onCheckRun?: CheckRunStarted) => {
      const accepted = job.kind === "pull_request" || job.kind === "merge_group" ? early.take(job) : undefined;
      const arrival = await accepted;
      // Its check run was completed as superseded (or never created) when the newer push arrived.
      if (arrival?.superseded && (job.kind === "pull_request" || job.kind === "merge_group"))
        return void (early.done(job), dropHead(job));
      const octokit = await auth(job.installationId);
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
        orchestra,
        ...(options.completionRetryDelaysMs ? { completionRetryDelaysMs: options.completionRetryDelaysMs } : {}),
        ...(onCheckRun ? { onCheckRunStarted: onCheckRun } : {}),
        ...(arrival ? { earlyCheckRun: arrival.checkRun } : {}),
      };
      if (job.kind === "command") await runCommands(job, deps);
      else if (job.kind === "base_moved") await runReentry(job, deps, addJob);
      else {
        try {
          await runReview(job, deps);
        } finally {
          early.done(job);
          dropHead(job);
        }
      }
    };
    // A head is reviewed once: its snapshot goes when its review is done, unless another job of this process will
    // read it (a re-run queued meanwhile). Bases stay: the PR's next push, and the base's other PRs, read them again.
    const dropHead = (job: ReviewJob) => {
      const again = queue
        .unfinished()
        .some(({ job: other }) => other !== job && "headSha" in other && other.headSha === job.headSha);
      if (!again) snapshots.forget({ owner: job.owner, repo: job.repo }, job.headSha);
    };
    const queue = backend.createQueue(worker, (error, job) => app.log.error({ err: error, job }, "review job crashed"));
    addJob = (job) => queue.add(job);
    const idle = createIdleRelease(() => queue.unfinished().length === 0);
    reviewsWaiting = (id) =>
      queue.unfinished().some(({ job, started }) => !started && job.installationId === id && job.kind !== "base_moved");
    options.onQueue?.(queue);
    const reentry = createReentryDebounce(options.reentryDelayMs ?? 10_000, (job) => queue.add(job), app.log);

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
          if (job.kind === "pull_request" || job.kind === "merge_group") {
            const push = pushed && job.kind === "pull_request";
            const newest = push ? await backend.latestHeads.get(jobKey(job)) : undefined;
            const acceptance = await early.accept(job, auth(job.installationId), newest);
            // A push waits for a newer push of its PR before any worker takes it.
            await queue.add(job, push ? settleMs : 0).then(acceptance.queued, (error: unknown) => {
              acceptance.refused();
              throw error;
            });
            continue;
          }
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
    /** A merge or a push moves a base: after the delivery is known new, its re-entry waits in the debounce. */
    const moved = async (event: string, deliveryId: string, move: BaseMove | undefined) => {
      if (!move) return metrics.webhook(event, "ignored");
      if (!(await backend.deliveries.firstTime(deliveryId))) return metrics.webhook(event, "duplicate");
      reentry.add(move);
      metrics.webhook(event, "queued");
    };
    app.on("pull_request.closed", (context) =>
      moved(context.name, context.id, closedPullMove(context.payload, context.id)),
    );
    app.on("push", (context) => moved(context.name, context.id, pushMove(context.payload, context.id)));
    addHandler(healthHandler(version));
    addHandler(metrics.handler);
  };
}

/** `MAESTRO_CACHE_MB`, or the default; any value but a number of MB stops start-up with the variable's name. */
function cacheMbFromEnv(): number {
  const raw = process.env.MAESTRO_CACHE_MB;
  if (raw === undefined || raw.trim() === "") return DEFAULT_CACHE_MB;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`MAESTRO_CACHE_MB must be a number of MB (0 or more), not "${raw}"`);
  return value;
}

export default createMaestroApp();
