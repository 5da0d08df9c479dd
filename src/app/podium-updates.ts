import type { Logger } from "probot";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { findPodiumIssue, readSealedPodium, sealPodiumBody, writePodiumIssue } from "../publish/podium-issue.js";
import type { SignOffSeal } from "../publish/sign-off-seal.js";
import { applyPodiumEvents, renderPodium, type PodiumEvent, type PodiumState } from "../report/podium/index.js";
import type { PodiumInbox } from "./podium-inbox.js";

/** Where a podium lives: the repository, and the installation whose token writes it. */
export interface PodiumTarget extends RepoRef {
  readonly installationId: number;
}

/**
 * The podium issue, kept up to date from the events of reviews, sign-offs and merges (SPEC §8). Events wait in
 * the inbox; the issue is written at most once per `podium.debounce_s` per repository, in one write that folds
 * every waiting event into the state the issue body holds. The first event of a quiet window is written at once,
 * those arriving inside it when it ends. A verdict is always written before the event it causes is queued, so
 * the podium never delays one.
 */
export interface PodiumUpdates {
  add(target: PodiumTarget, events: readonly PodiumEvent[], debounceS: number): Promise<void>;
  /** The podium as the next write will see it: the issue's state with the waiting events folded in. */
  state(octokit: GitHubClient, repo: RepoRef): Promise<PodiumState | undefined>;
  /** Waits for the writes already due (tests and shutdown). */
  settled(): Promise<void>;
}

export interface PodiumUpdateDeps {
  readonly inbox: PodiumInbox;
  readonly auth: (installationId: number) => Promise<GitHubClient>;
  readonly ownLogin: () => Promise<string>;
  /** Seals the state the podium keeps in its body (the app's signing secret): an edited state is not believed. */
  readonly seal: SignOffSeal;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Whether reviews of this installation wait in the queue: their verdicts' writes go before the podium's. */
  readonly reviewsWaiting?: (installationId: number) => boolean;
}

/** How long the podium gives way to waiting reviews before it writes anyway (it must not starve in a busy repository). */
const MAX_YIELD_MS = 60_000;
const YIELD_STEP_MS = 1_000;

export function createPodiumUpdates(deps: PodiumUpdateDeps): PodiumUpdates {
  const now = deps.now ?? (() => new Date());
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  /** The last write started per repository, and when the last one ended. */
  const writing = new Map<string, Promise<void>>();
  const written = new Map<string, number>();
  const yieldingSince = new Map<string, number>();
  const keyOf = (repo: RepoRef) => `${repo.owner}/${repo.repo}`;

  const arm = (target: PodiumTarget, windowMs: number, delayMs: number) => {
    const key = keyOf(target);
    if (timers.has(key)) return;
    const start = () => {
      timers.delete(key);
      // A write can outlast its window (Probot spaces an installation's writes behind the verdicts'): the next one
      // waits for it, or it would find no podium yet and create a second.
      const write = (writing.get(key) ?? Promise.resolve())
        .then(() => writeDue(target, windowMs))
        .finally(() => {
          running.delete(write);
          if (writing.get(key) === write) writing.delete(key);
        });
      running.add(write);
      writing.set(key, write);
    };
    // A write due now starts now (and `settled` sees it); a later one waits for its window.
    if (delayMs <= 0) return start();
    const timer = setTimeout(start, delayMs);
    timer.unref();
    timers.set(key, timer);
  };

  const writeDue = async (target: PodiumTarget, windowMs: number): Promise<void> => {
    const key = keyOf(target);
    let events: PodiumEvent[] = [];
    // Probot spaces an installation's writes about a second apart: while reviews wait, their verdicts go first.
    if (deps.reviewsWaiting?.(target.installationId)) {
      const since = yieldingSince.get(key) ?? Date.now();
      yieldingSince.set(key, since);
      if (Date.now() - since < MAX_YIELD_MS) return arm(target, windowMs, YIELD_STEP_MS);
    }
    yieldingSince.delete(key);
    // A write can wait behind the verdicts' past its own window: the next one is still a whole window after it.
    const sinceWritten = Date.now() - (written.get(key) ?? Number.NEGATIVE_INFINITY);
    if (sinceWritten < windowMs) return arm(target, windowMs, windowMs - sinceWritten);
    try {
      const wait = await deps.inbox.claim(key, windowMs);
      if (wait > 0) return arm(target, windowMs, wait);
      events = await deps.inbox.take(key);
      if (events.length === 0) return;
      const octokit = await deps.auth(target.installationId);
      const issue = await findPodiumIssue(octokit, target, await deps.ownLogin(), await deps.inbox.issue(key));
      const at = now();
      const state = issue ? readSealedPodium(issue.body, target, deps.seal) : undefined;
      if (issue && !state)
        deps.log.warn({ repo: key, issue: issue.number }, "the podium's state was edited or unsealed: it starts again");
      const body = sealPodiumBody(renderPodium(applyPodiumEvents(state, events, at), at), target, deps.seal);
      const number = await writePodiumIssue(octokit, target, issue?.number, body);
      await deps.inbox.setIssue(key, number);
      written.set(key, Date.now());
    } catch (error) {
      deps.log.warn({ err: error, repo: key }, "could not write the podium: its events wait for the next window");
      await deps.inbox.putBack(key, events).catch(() => undefined);
      arm(target, windowMs, windowMs);
    }
  };

  return {
    add: async (target, events, debounceS) => {
      await deps.inbox.push(keyOf(target), events);
      arm(target, debounceS * 1000, 0);
    },
    state: async (octokit, repo) => {
      const key = keyOf(repo);
      const issue = await findPodiumIssue(octokit, repo, await deps.ownLogin(), await deps.inbox.issue(key));
      const waiting = await deps.inbox.peek(key);
      const state = issue ? readSealedPodium(issue.body, repo, deps.seal) : undefined;
      return waiting.length > 0 ? applyPodiumEvents(state, waiting, now()) : state;
    },
    settled: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
