import { z } from "zod";

/**
 * The other open PRs on the same base branch, as the GitHub adapter read them: who opened each, what
 * it changes, and Maestro's last verdict on its head when this Maestro has judged it. The core
 * turns them into contention; it never fetches them itself.
 */
export const openPullSchema = z.object({
  number: z.number().int(),
  author: z.string(),
  /** The author's account id and type (`Bot` for an app's account): `agents.apps` names agents by them. */
  authorId: z.number().int().optional(),
  authorType: z.string().optional(),
  branch: z.string(),
  labels: z.array(z.string()),
  headSha: z.string(),
  updatedAt: z.string(),
  /** The paths it changes (a rename gives both names); absent when they could not be read. */
  files: z.array(z.string()).optional(),
  /** False when GitHub listed only part of its files. */
  filesComplete: z.boolean(),
  /** Maestro's last verdict on this head, when known. */
  verdict: z.enum(["pass", "conductor", "block"]).optional(),
  risk: z.number().int().optional(),
});
export type OpenPull = z.infer<typeof openPullSchema>;

export const otherPullsSchema = z.object({
  /** The base branch they share with the PR under review. */
  base: z.string(),
  /** The most recently updated open PRs on that base, this PR left out. */
  pulls: z.array(openPullSchema),
  /** True when more open PRs exist than were read: the oldest were not compared. */
  more: z.boolean(),
});
export type OtherPulls = z.infer<typeof otherPullsSchema>;
