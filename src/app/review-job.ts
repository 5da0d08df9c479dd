import { z } from "zod";
import { commandSchema } from "../commands/parse-commands.js";
import { signOffSchema } from "../decide/sign-off.js";

const installation = { installationId: z.number().int(), owner: z.string(), repo: z.string(), deliveryId: z.string() };

/**
 * Why a review runs: a push (or another PR event) carries the PR's newest head, and is skipped once
 * a newer push supersedes it; a re-run, a command or the reconciler asks for that commit explicitly.
 */
export const triggerSchema = z.enum(["push", "rerun", "command", "reconcile", "base-moved"]);

/** An existing `Maestro` check run to finish instead of creating one (a review left unfinished by a crash). */
const checkRunId = z.number().int().optional();

const pullRequestJob = z.object({
  kind: z.literal("pull_request"),
  ...installation,
  pullNumber: z.number().int(),
  headSha: z.string(),
  trigger: triggerSchema.default("push"),
  /** When GitHub last updated the PR, as the event said: orders heads that arrive out of order. */
  updatedAt: z.string().optional(),
  checkRunId,
  /** A conductor's sign-off given with this run (`/maestro approve`, `override`, the button). */
  signOff: signOffSchema.optional(),
});

const mergeGroupJob = z.object({
  kind: z.literal("merge_group"),
  ...installation,
  headSha: z.string(),
  baseSha: z.string(),
  headRef: z.string(),
  checkRunId,
});

/** Commands from a PR comment (or a check-run button), to authorize and carry out. */
const commandJob = z.object({
  kind: z.literal("command"),
  ...installation,
  pullNumber: z.number().int(),
  actor: z.object({ login: z.string(), isBot: z.boolean() }),
  /** The comment that held the commands (reactions go on it); absent for a check-run button. */
  commentId: z.number().int().optional(),
  /**
   * The head the person acted on: the clicked check run's commit, or the newest push Maestro had
   * seen when the comment arrived. A sign-off is refused once the PR's head has moved past it.
   */
  headSha: z.string().optional(),
  commands: z.array(commandSchema),
});

/**
 * The base branch moved (SPEC §8, re-entry): a PR merged into it, or pushes landed on it. The open agent PRs that
 * overlap what moved are re-judged, at most `contention.max_rejudge` of them. Debounced: the moves of a few seconds
 * arrive as one job.
 */
const baseMovedJob = z.object({
  kind: z.literal("base_moved"),
  ...installation,
  base: z.string(),
  /** The base branch's head after the move: the score is read there. */
  baseSha: z.string(),
  /** The PRs merged in this move: they are not re-judged, and a note on the first names the PRs left out. */
  merged: z.array(z.object({ number: z.number().int(), headSha: z.string(), at: z.string().optional() })),
  /** PRs closed unmerged meanwhile: nothing moved, but the podium forgets them. */
  closed: z.array(z.object({ number: z.number().int(), at: z.string().optional() })).default([]),
  /** Paths pushed to the base outside of a merged PR (a direct push); a merged PR's own files are read from it. */
  pushedFiles: z.array(z.string()),
  /** True when a push listed too many commits to know its files: they are read by comparing before and after. */
  compare: z.object({ before: z.string(), after: z.string() }).optional(),
});
export type BaseMovedJob = z.infer<typeof baseMovedJob>;

/** One review to run: all a worker needs, serialisable so a Redis queue can carry it between replicas. */
export const reviewJobSchema = z.discriminatedUnion("kind", [pullRequestJob, mergeGroupJob]);
export type ReviewJob = z.infer<typeof reviewJobSchema>;
export type Trigger = z.infer<typeof triggerSchema>;
export type CommandJob = z.infer<typeof commandJob>;

/** Whatever the queue carries. */
export const jobSchema = z.discriminatedUnion("kind", [pullRequestJob, mergeGroupJob, commandJob, baseMovedJob]);
export type Job = z.infer<typeof jobSchema>;

/** Work on one PR (or one merge group) runs one job after another, in the order they came. */
export function jobKey(job: Job): string {
  if (job.kind === "base_moved") return `${job.owner}/${job.repo}:${job.base}`;
  return job.kind === "merge_group"
    ? `${job.owner}/${job.repo}@${job.headRef}`
    : `${job.owner}/${job.repo}#${job.pullNumber}`;
}

/**
 * A job's identity in a shared queue: one per delivery and head, so a redelivery received by two replicas is queued
 * once, and what replicas keep about a queued job (its check run's ticket) is found by it.
 */
export function queuedJobId(job: Job): string {
  return `${job.deliveryId}:${jobKey(job)}:${"headSha" in job ? job.headSha : ""}`.replace(/[^\w:.-]/g, "_");
}
