import { RECORD_DAYS } from "../../decide/agent-record.js";
import type { PodiumEvent } from "./podium-event-schema.js";
import type { PodiumPull, PodiumState } from "./podium-state-schema.js";
import { PODIUM_BODY_LIMIT, PODIUM_SEAL_ROOM, renderPodium } from "./render-podium.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Text from a PR is clamped before it is kept: one login or module name cannot fill the issue. */
const MAX_NAME = 100;
const MAX_MODULES = 30;
const MAX_CONTENTION = 20;
const MAX_SIGN_OFFS = 10;

/**
 * The podium after these events, a pure function: events apply in order of `at` (stable), and one older than what
 * the state already holds for its PR never replaces it (a late or redelivered review only adds that the PR was
 * blocked once), so any arrival order gives the same podium. Closed PRs go once closed for longer than the record's
 * window, humans' PRs as soon as they close (they are kept only for contention pairs). If the body would pass
 * GitHub's issue size limit, the PRs closed longest ago go first, then the oldest open ones, and the state counts them.
 */
export function applyPodiumEvents(
  state: PodiumState | undefined,
  events: readonly PodiumEvent[],
  now: Date,
): PodiumState {
  const pulls = new Map((state?.pulls ?? []).map((p) => [p.pr, p] as const));
  const ordered = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of ordered) {
    const pull = pulls.get(event.pr);
    const next = event.kind === "reviewed" ? reviewed(pull, event) : pull && apply(pull, event);
    if (next) pulls.set(event.pr, next);
  }
  const from = now.getTime() - RECORD_DAYS * DAY_MS;
  const kept = [...pulls.values()]
    .filter((p) => p.closedAt === undefined || (!p.human && Date.parse(p.closedAt) >= from))
    .sort((a, b) => a.pr - b.pr);
  const dropped = state?.dropped.at && Date.parse(state.dropped.at) >= from ? state.dropped : { pulls: 0 };
  return fitted({ version: 1, pulls: kept, dropped, updatedAt: now.toISOString() }, now);
}

function reviewed(pull: PodiumPull | undefined, event: Extract<PodiumEvent, { kind: "reviewed" }>): PodiumPull {
  const blocked = event.verdict === "block";
  if (pull && Date.parse(event.at) < Date.parse(pull.judgedAt)) {
    const firstJudgedAt = Date.parse(event.at) < Date.parse(pull.firstJudgedAt) ? event.at : pull.firstJudgedAt;
    return { ...pull, firstJudgedAt, everBlocked: pull.everBlocked || blocked };
  }
  const sameHead = pull?.head === event.head;
  const reopened =
    pull?.closedAt !== undefined && event.open !== false && Date.parse(event.at) >= Date.parse(pull.closedAt);
  const signedOff = sameHead && pull?.signedOffHead === event.head;
  const waits = event.verdict !== "pass" && !signedOff;
  return {
    pr: event.pr,
    agent: clamp(event.agent),
    author: clamp(event.author),
    human: event.human,
    head: clamp(event.head),
    verdict: event.verdict,
    risk: event.risk,
    modules: [...new Set(event.modules.map(clamp))].slice(0, MAX_MODULES),
    contention: [...new Set(event.contention)].filter((n) => n !== event.pr).slice(0, MAX_CONTENTION),
    firstJudgedAt: pull?.firstJudgedAt ?? event.at,
    judgedAt: event.at,
    ...(waits ? { waitingSince: (sameHead && pull?.waitingSince) || event.at } : {}),
    ...(signedOff ? { signedOffHead: event.head } : {}),
    everBlocked: (pull?.everBlocked ?? false) || blocked,
    signOffs: pull?.signOffs ?? [],
    ...(pull?.closedAt !== undefined && !reopened ? { closedAt: pull.closedAt, merged: pull.merged ?? false } : {}),
  };
}

function apply(pull: PodiumPull, event: Exclude<PodiumEvent, { kind: "reviewed" }>): PodiumPull {
  if (event.kind === "closed") {
    // A review after this close reopened the PR: the close is older news.
    if (Date.parse(event.at) < Date.parse(pull.judgedAt) && pull.closedAt === undefined) return pull;
    return { ...pull, closedAt: event.at, merged: event.merged };
  }
  const mark = { by: clamp(event.by), override: event.override, at: event.at };
  const signOffs = pull.signOffs.some((s) => s.by === mark.by && s.override === mark.override && s.at === mark.at)
    ? pull.signOffs
    : [...pull.signOffs, mark].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-MAX_SIGN_OFFS);
  // A sign-off after the wait began ends it, for this head: its re-review does not start a new one.
  const ends = pull.waitingSince !== undefined && Date.parse(event.at) >= Date.parse(pull.waitingSince);
  if (!ends) return { ...pull, signOffs };
  const ended: PodiumPull = { ...pull, signOffs, signedOffHead: pull.head };
  delete ended.waitingSince;
  return ended;
}

/** Drops PRs until the rendered body fits: closed ones first (longest closed first), then the oldest open ones. */
function fitted(state: PodiumState, now: Date): PodiumState {
  if (fits(state, now)) return state;
  const order = [...state.pulls].sort(
    (a, b) =>
      Number(a.closedAt === undefined) - Number(b.closedAt === undefined) ||
      Date.parse(a.closedAt ?? a.judgedAt) - Date.parse(b.closedAt ?? b.judgedAt),
  );
  // Halving the step keeps the renders few (a few dozen for thousands of PRs) and drops no more than needed.
  let low = 1;
  let high = order.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (fits(without(state, order.slice(0, mid), now), now)) high = mid;
    else low = mid + 1;
  }
  return without(state, order.slice(0, low), now);
}

function without(state: PodiumState, gone: readonly PodiumPull[], now: Date): PodiumState {
  const drop = new Set(gone.map((p) => p.pr));
  return {
    ...state,
    pulls: state.pulls.filter((p) => !drop.has(p.pr)),
    dropped: { pulls: state.dropped.pulls + drop.size, at: now.toISOString() },
  };
}

/** GitHub counts characters; UTF-8 bytes are never fewer, so a body that fits in bytes fits. */
function fits(state: PodiumState, now: Date): boolean {
  return new TextEncoder().encode(renderPodium(state, now)).length <= PODIUM_BODY_LIMIT - PODIUM_SEAL_ROOM;
}

function clamp(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}
