import { z } from "zod";
import { commandSchema } from "../commands/parse-commands.js";
import { signOffSchema } from "../decide/sign-off.js";

const installation = { installationId: z.number().int(), owner: z.string(), repo: z.string(), deliveryId: z.string() };

/**
 * Why a review runs: a push (or another PR event) carries the PR's newest head, and is skipped once
 * a newer push supersedes it; a re-run, a command or the reconciler asks for that commit explicitly.
 */
export const triggerSchema = z.enum(["push", "rerun", "command", "reconcile"]);

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

/** One review to run: all a worker needs, serialisable so a Redis queue can carry it between replicas. */
export const reviewJobSchema = z.discriminatedUnion("kind", [pullRequestJob, mergeGroupJob]);
export type ReviewJob = z.infer<typeof reviewJobSchema>;
export type Trigger = z.infer<typeof triggerSchema>;
export type CommandJob = z.infer<typeof commandJob>;

/** Whatever the queue carries. */
export const jobSchema = z.discriminatedUnion("kind", [pullRequestJob, mergeGroupJob, commandJob]);
export type Job = z.infer<typeof jobSchema>;

/** Work on one PR (or one merge group) runs one job after another, in the order they came. */
export function jobKey(job: Job): string {
  return job.kind === "merge_group"
    ? `${job.owner}/${job.repo}@${job.headRef}`
    : `${job.owner}/${job.repo}#${job.pullNumber}`;
}
