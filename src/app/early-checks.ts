import type { Logger } from "probot";
import type { GitHubClient } from "../gather/github/github-client.js";
import { checkOutput } from "../publish/check-output.js";
import { completeCheckRun } from "../publish/check-run.js";
import type { CheckTickets } from "./check-tickets.js";
import type { LatestHeads } from "./latest-heads.js";
import { supersededBeforeStart } from "./newer-push.js";
import { jobKey, queuedJobId, type ReviewJob } from "./review-job.js";
import { checkFacts, createReviewCheck } from "./start-review-check.js";
import { CHECK_START, type WritePriority } from "./write-priority.js";

/** What a worker gets of a job accepted here: its check run, and whether a newer push made it pointless. */
export interface AcceptedJob {
  /** The check run created at acceptance; undefined when it never was (superseded first, or the write failed). */
  readonly checkRun: Promise<number | undefined>;
  readonly superseded: boolean;
}

export interface EarlyChecks {
  /**
   * A review job is accepted: its `in_progress` check run is created at once, before every other write. `newestHead`:
   * for a push, the PR's newest head as far as Maestro knows; the older pushes of that PR still waiting are superseded,
   * and a push that arrives after a newer one (webhooks come out of order) is superseded on arrival. Resolves once the
   * job may be queued.
   */
  accept(job: ReviewJob, octokit: Promise<GitHubClient>, newestHead?: string): Promise<Acceptance>;
  /**
   * A worker takes the job, after the push's settling time: pushes that come close together are reviewed once, on
   * the last. Undefined for a job this process did not accept, unless tickets say who created its run (Redis).
   */
  take(job: ReviewJob): Promise<AcceptedJob> | undefined;
  /** The job is done: forgotten. */
  done(job: ReviewJob): void;
}

/** The check run is created once the job is in the queue; a job the queue refused gets none. */
export interface Acceptance {
  queued(): void;
  refused(): void;
}

interface Entry {
  readonly job: ReviewJob;
  readonly acceptedAt: number;
  superseded?: string;
  started: boolean;
  checkRun: Promise<number | undefined>;
}

/**
 * The check run of a review is created when its job is accepted, not when a worker is free for it: a burst of PRs shows
 * Maestro at work on each within seconds. A push that a newer push of its PR replaces before a worker took it is never
 * reviewed: if its check run was still waiting for its turn it is not created at all, and if it exists it is completed
 * as superseded, naming the newer head (`cancelled`: it cannot pass a required check, and it blocks nothing, since a
 * merge is judged on the PR's head, which has its own run). Nothing of its content is fetched.
 *
 * In this process alone, a superseded run is completed as soon as the newer push arrives. With `tickets` (replicas
 * sharing a queue in Redis), any replica may take the job: the acceptor creates its run unless a worker took the job
 * first, and the worker that takes a superseded job completes its run (`run-review.ts`), the newest head being shared.
 */
export function createEarlyChecks(options: {
  readonly priority: WritePriority;
  readonly version: string;
  readonly log: Logger;
  /** How long a push waits for a newer push of its PR before a worker reviews it. */
  readonly settleMs: number;
  /** The newest head per PR, asked again when a check run's turn comes: a newer push may have come to another replica. */
  readonly latestHeads: LatestHeads;
  readonly tickets?: CheckTickets;
  readonly completionRetryDelaysMs?: readonly number[];
}): EarlyChecks {
  const { tickets } = options;
  const entries = new Map<ReviewJob, Entry>();
  const isPush = (job: ReviewJob) => job.kind === "pull_request" && job.trigger === "push";
  const supersede = (entry: Entry, newerSha: string, octokit: Promise<GitHubClient>) => {
    entry.superseded = newerSha;
    // With tickets another replica's worker may hold the job: its run is completed by whoever takes it.
    if (tickets) return;
    const { job } = entry;
    void entry.checkRun
      .then(async (id) => {
        if (id === undefined) return;
        const client = await octokit;
        const { detailsUrl, pending } = checkFacts(job, client, options.version);
        const output = checkOutput({ kind: "superseded", newerSha }, pending);
        await completeCheckRun(client, job, id, output, detailsUrl, options.completionRetryDelaysMs);
        options.log.info(
          { job: jobKey(job), headSha: job.headSha, newerSha },
          "superseded by a newer push: not reviewed",
        );
      })
      .catch((error: unknown) =>
        // Left to the reconciler, which finishes runs left in_progress.
        options.log.warn({ err: error, job: jobKey(job) }, "could not complete a superseded check run"),
      );
  };
  /** At the check run's turn in the line of writes: created, unless superseded meanwhile or a worker took the job. */
  const create = async (entry: Entry, client: GitHubClient): Promise<number | undefined> => {
    const { job } = entry;
    const id = queuedJobId(job);
    const newer = entry.superseded ?? (await supersededBeforeStart(job, options.latestHeads));
    if (newer !== undefined || job.checkRunId !== undefined) {
      await tickets?.settle(id, undefined);
      return undefined;
    }
    if (tickets && !(await tickets.claim(id))) return undefined;
    const created = await createReviewCheck(job, client, options.version).catch(async (error: unknown) => {
      await tickets?.settle(id, undefined);
      throw error;
    });
    await tickets?.settle(id, created);
    return created;
  };
  return {
    async accept(job, octokit, newestHead) {
      // Its failure is handled below, once the ticket is open: not a rejection left unhandled meanwhile.
      octokit.catch(() => undefined);
      await tickets?.open(queuedJobId(job));
      const entry: Entry = { job, acceptedAt: Date.now(), started: false, checkRun: Promise.resolve(undefined) };
      entries.set(job, entry);
      let queued: (yes: boolean) => void = () => undefined;
      const inQueue = new Promise<boolean>((resolve) => (queued = resolve));
      const stale = isPush(job) && newestHead !== undefined && newestHead !== job.headSha;
      if (stale) entry.superseded = newestHead;
      entry.checkRun = Promise.all([octokit, inQueue])
        .then(([client, yes]) =>
          yes ? options.priority.run(job.installationId, CHECK_START, () => create(entry, client)) : undefined,
        )
        .catch((error: unknown) => {
          // The worker creates it when it takes the job.
          options.log.warn({ err: error, job: jobKey(job) }, "could not create the check run on arrival");
          return undefined;
        });
      // With tickets, a worker finds the job's run by its ticket: the entry serves only until the run's turn.
      if (tickets) void entry.checkRun.finally(() => entries.delete(job));
      const acceptance: Acceptance = {
        queued: () => queued(true),
        refused: () => {
          entries.delete(job);
          queued(false);
        },
      };
      if (stale || !isPush(job)) return acceptance;
      for (const older of entries.values())
        if (
          older !== entry &&
          !older.started &&
          older.superseded === undefined &&
          isPush(older.job) &&
          jobKey(older.job) === jobKey(job) &&
          older.job.headSha !== job.headSha
        )
          supersede(older, job.headSha, octokit);
      return acceptance;
    },
    take(job) {
      // With tickets, the job comes back from the shared queue (never the object accepted here), after its settling
      // time there, and the worker judges whether it is superseded. If Redis cannot say, the worker creates the run.
      if (tickets) {
        const checkRun = tickets.take(queuedJobId(job)).catch((error: unknown) => {
          options.log.warn({ err: error, job: jobKey(job) }, "could not read the check run's ticket: a run is created");
          return undefined;
        });
        return Promise.resolve({ checkRun, superseded: false });
      }
      const entry = entries.get(job);
      if (!entry) return undefined;
      return (async () => {
        const wait = entry.acceptedAt + options.settleMs - Date.now();
        if (isPush(job) && wait > 0 && entry.superseded === undefined)
          await new Promise((resolve) => setTimeout(resolve, wait));
        entry.started = entry.superseded === undefined;
        return { checkRun: entry.checkRun, superseded: entry.superseded !== undefined };
      })();
    },
    done(job) {
      entries.delete(job);
    },
  };
}
