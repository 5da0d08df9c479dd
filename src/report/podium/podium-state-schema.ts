import { z } from "zod";

const at = z.iso.datetime({ offset: true });

/** One PR as the podium remembers it: what Maestro said of its latest head, and what conductors did about it. */
export const podiumPullSchema = z.object({
  pr: z.number().int().positive(),
  /** Whose record it counts in: the part's name, or the author's login. */
  agent: z.string(),
  author: z.string(),
  /** A human's PR is kept while open for contention pairs only: no row, no node, no record. */
  human: z.boolean(),
  head: z.string(),
  verdict: z.enum(["pass", "conductor", "block"]),
  risk: z.number().int().min(0).max(100),
  modules: z.array(z.string()),
  contention: z.array(z.number().int().positive()),
  /** The first judgement: the record's 30-day window is counted from it. */
  firstJudgedAt: at,
  /** The latest judgement applied: an older one arriving late does not replace it. */
  judgedAt: at,
  /** When the current head first needed a conductor or was blocked; cleared by a pass, a new head or a sign-off. */
  waitingSince: at.optional(),
  /** The head a conductor signed off: a re-review of that same head does not start a new wait. */
  signedOffHead: z.string().optional(),
  everBlocked: z.boolean(),
  /** Each sign-off once (a redelivered event is the same one). */
  signOffs: z.array(z.object({ by: z.string(), override: z.boolean(), at })),
  /** Set once the PR is closed; `merged` says how. A later review reopens it. */
  closedAt: at.optional(),
  merged: z.boolean().optional(),
});
export type PodiumPull = z.infer<typeof podiumPullSchema>;

/** The podium's memory, hidden in the issue body, so the app keeps no state of its own. */
export const podiumStateSchema = z.object({
  version: z.literal(1),
  /** Every PR kept, by number. */
  pulls: z.array(podiumPullSchema),
  /**
   * PRs left out to keep the issue within GitHub's size limit, and when the last went: the records may count fewer
   * PRs until that is older than the window.
   */
  dropped: z.object({ pulls: z.number().int().min(0), at: at.optional() }),
  /** When the podium was last written. */
  updatedAt: at,
});
export type PodiumState = z.infer<typeof podiumStateSchema>;
