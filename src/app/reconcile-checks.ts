import type { Logger } from "probot";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { CHECK_NAME } from "../publish/check-name.js";
import type { ReviewJob } from "./review-job.js";
import { isRateLimited } from "../gather/github/http-status.js";

export interface ReconcileDeps {
  /** Probot's `app.auth`: the app's own (JWT) client without an id, an installation's client with one. */
  readonly auth: (installationId?: number) => Promise<GitHubClient>;
  readonly enqueue: (job: ReviewJob) => Promise<void>;
  /** Whether this process queued a run's review lately (it is still running): not queued again. */
  readonly queued?: (checkRunId: number) => boolean;
  readonly log: Logger;
  /** Aborted at shutdown: the sweep makes no further request. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export interface ReconcileLimits {
  /** A check run `queued` or `in_progress` for longer than this was left by a review that died. */
  readonly staleSeconds: number;
  /** Requests one sweep may make, all installations together. */
  readonly maxRequests: number;
  /**
   * An installation whose `x-ratelimit-remaining` falls below this is left for the next sweep: reviews need that budget
   * more.
   */
  readonly minRateRemaining: number;
  /** Open PRs asked about per repository, most recently updated first (one page). */
  readonly pullsPerRepo: number;
  /** The installation where the previous sweep hit its request cap: this one starts there. */
  readonly resumeFrom?: number;
}

export interface SweepResult {
  readonly requeued: number;
  readonly requests: number;
  /** Set when the request cap stopped the sweep: the installation the next sweep starts with. */
  readonly resumeFrom?: number;
}

/** Why a sweep, or one installation's part of it, stops early. */
class Stop extends Error {
  constructor(readonly why: "cap" | "aborted" | "rate-limit") {
    super(why);
  }
}

const UNFINISHED = new Set(["queued", "in_progress"]);

/**
 * One sweep for `Maestro` check runs a crash left unfinished (a deploy, an out-of-memory kill):
 * the open PRs of every installation, most recently updated first, and on each head the check
 * runs of this app still `queued` or `in_progress` past `staleSeconds`. Each is reviewed again
 * with its id, so the review completes that run instead of adding a second one. Requests are
 * counted against a cap, an installation low on rate limit is left alone, and an error is logged
 * and never thrown: a sweep must not take the process down.
 */
export async function reconcileChecks(deps: ReconcileDeps, limits: ReconcileLimits): Promise<SweepResult> {
  const { log } = deps;
  const now = deps.now?.() ?? Date.now();
  let requests = 0;
  let requeued = 0;
  /** Counts a request against the cap before it is made. */
  const spend = () => {
    if (deps.signal?.aborted) throw new Stop("aborted");
    if (requests >= limits.maxRequests) throw new Stop("cap");
    requests++;
  };
  /** One counted request; its answer saying the rate limit is low stops the installation (or the sweep). */
  const call: Call = async (request) => {
    spend();
    const response = await request();
    if (Number(response.headers["x-ratelimit-remaining"]) < limits.minRateRemaining) throw new Stop("rate-limit");
    return response;
  };

  let current: number | undefined;
  try {
    const app = await deps.auth();
    const { data: self } = await call(() => app.rest.apps.getAuthenticated());
    const appId = self?.id;
    if (appId === undefined) throw new Error("GET /app did not say which app this is");
    for (const installation of rotate(await listInstallations(app, call), limits.resumeFrom)) {
      current = installation;
      try {
        spend(); // the installation token (Probot caches it; counted all the same)
        const octokit = await deps.auth(installation);
        for (const repo of await listRepositories(octokit, call)) {
          try {
            requeued += await reconcileRepo(octokit, repo, installation, appId);
          } catch (error) {
            if (error instanceof Stop) throw error;
            // Octokit has already waited and retried: asking again at once would only storm.
            if (isRateLimited(error)) throw new Stop("rate-limit");
            log.warn(
              { err: error, repo: `${repo.owner}/${repo.repo}` },
              "reconcile: could not read a repository's check runs; next sweep tries again",
            );
          }
        }
      } catch (error) {
        if (error instanceof Stop && error.why !== "rate-limit") throw error;
        if (error instanceof Stop)
          log.info(
            { installation },
            "reconcile: the installation's rate limit is low; its check runs wait for the next sweep",
          );
        else
          log.warn({ err: error, installation }, "reconcile: could not sweep an installation; next sweep tries again");
      }
    }
    current = undefined;
  } catch (error) {
    if (error instanceof Stop && error.why === "cap") {
      log.warn(
        { requests, resumeFrom: current },
        `reconcile: the sweep reached its cap of ${limits.maxRequests} requests; the next one starts from installation ${current}`,
      );
      return { requeued, requests, resumeFrom: current };
    }
    if (!(error instanceof Stop)) log.error({ err: error }, "reconcile: sweep failed");
    else if (error.why === "rate-limit") log.info("reconcile: the app's rate limit is low; sweeping again later");
  }
  return { requeued, requests };

  async function reconcileRepo(
    octokit: GitHubClient,
    repo: RepoRef,
    installationId: number,
    appId: number,
  ): Promise<number> {
    const { data: pulls } = await call(() =>
      octokit.rest.pulls.list({
        ...repo,
        state: "open",
        sort: "updated",
        direction: "desc",
        per_page: limits.pullsPerRepo,
      }),
    );
    let count = 0;
    for (const pull of pulls) {
      const { data } = await call(() =>
        octokit.rest.checks.listForRef({
          ...repo,
          ref: pull.head.sha,
          check_name: CHECK_NAME,
          filter: "latest",
          app_id: appId,
          per_page: 100,
        }),
      );
      for (const run of data.check_runs) {
        // `app_id` filters on GitHub's side; checked again here, as another app's run is not ours to finish.
        if (run.app?.id !== appId || run.name !== CHECK_NAME || !UNFINISHED.has(run.status)) continue;
        if (!isStale(run.started_at, now, limits.staleSeconds) || deps.queued?.(run.id)) continue;
        log.info(
          { repo: `${repo.owner}/${repo.repo}`, pull: pull.number, checkRun: run.id, startedAt: run.started_at },
          "reconcile: reviewing again a Maestro check left unfinished",
        );
        await deps.enqueue({
          kind: "pull_request",
          installationId,
          ...repo,
          pullNumber: pull.number,
          headSha: run.head_sha,
          trigger: "reconcile",
          checkRunId: run.id,
          // One job per run and stale period: replicas sweeping at once queue it once (BullMQ's job id), and a run
          // still unfinished a period later is queued again.
          deliveryId: `reconcile-${run.id}-${Math.floor(now / (limits.staleSeconds * 1000))}`,
        });
        count++;
      }
    }
    return count;
  }
}

type Call = <T extends { headers: Record<string, unknown> }>(request: () => Promise<T>) => Promise<T>;

/** The app's installations by id, suspended ones left out (GitHub refuses their tokens). */
async function listInstallations(app: GitHubClient, call: Call): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const { data } = await call(() => app.rest.apps.listInstallations({ per_page: 100, page }));
    ids.push(...data.filter((i) => !i.suspended_at).map((i) => i.id));
    if (data.length < 100) return ids.sort((a, b) => a - b);
  }
}

/**
 * An installation's repositories, most recently pushed first: a stuck check follows a push. Archived ones take no
 * writes.
 */
async function listRepositories(octokit: GitHubClient, call: Call): Promise<RepoRef[]> {
  const repos: { owner: string; repo: string; pushed: number }[] = [];
  for (let page = 1; ; page++) {
    const { data } = await call(() => octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100, page }));
    for (const r of data.repositories)
      if (!r.archived) repos.push({ owner: r.owner.login, repo: r.name, pushed: Date.parse(r.pushed_at ?? "") || 0 });
    if (data.repositories.length < 100) break;
  }
  return repos.sort((a, b) => b.pushed - a.pushed).map(({ owner, repo }) => ({ owner, repo }));
}

/** Starts at `from` (where the last sweep stopped), then wraps around to the rest. */
function rotate(ids: number[], from: number | undefined): number[] {
  const at = from === undefined ? -1 : ids.findIndex((id) => id >= from);
  return at <= 0 ? ids : [...ids.slice(at), ...ids.slice(0, at)];
}

/** A run without `started_at` cannot prove it is fresh: it counts as stale rather than left hanging. */
function isStale(startedAt: string | null | undefined, now: number, staleSeconds: number): boolean {
  const started = Date.parse(startedAt ?? "");
  return Number.isNaN(started) || now - started >= staleSeconds * 1000;
}
