import { z } from "zod";

/**
 * One other open PR that overlaps the PR under review, as the verdict's JSON carries it (SPEC §8), so a
 * coding agent can rebase or wait: `files` both change, `modules` both change, `api` the modules
 * whose public files one changes while the other's changes import them.
 */
export const contentionSchema = z.object({
  pr: z.number().int(),
  /** The other PR's part (agents.parts) name, else its author's login. */
  agent: z.string(),
  author: z.string(),
  /** True when the other PR is not an agent's by the score's `agents:`. */
  human: z.boolean(),
  files: z.array(z.string()),
  modules: z.array(z.string()),
  api: z.array(z.string()),
  /** `strong`: a shared file or a moving API; `weak`: only a shared module. */
  strength: z.enum(["strong", "weak"]),
  /** Maestro's last verdict on the other PR's head, when known. */
  verdict: z.enum(["pass", "conductor", "block"]).optional(),
});
export type Contention = z.infer<typeof contentionSchema>;

/** What the review knows of the other instruments beyond the overlaps: how far it looked, and the order to merge in. */
export const orchestraSchema = z.object({
  /** The base branch this PR and the compared ones share. */
  base: z.string(),
  /** The modules this PR changes. */
  modules: z.array(z.string()),
  /** How many other open PRs on the base were compared. */
  compared: z.number().int(),
  /** True when the base had more open PRs than were read (the 50 most recently updated are). */
  more: z.boolean(),
  /** Open PRs whose files could not be read: their overlap is unknown. */
  unread: z.array(z.number().int()),
  /**
   * Open PRs compared only in part, so more overlap may hide there: GitHub listed only some of their files, or their
   * files' imports were past the most Maestro reads for one review.
   */
  partial: z.array(z.number().int()),
  /** This PR and those it overlaps, in the suggested merge order; 0 stands for this PR when it has no number (a CLI run). */
  mergeOrder: z.array(z.number().int()),
});
export type Orchestra = z.infer<typeof orchestraSchema>;
