import { z } from "zod";
import type { BaseMovedJob } from "../review-job.js";
import { repoOf, repositoryFields } from "./payload.js";

/** A move of a base branch, before debouncing merges it with the moves of the next few seconds. */
export type BaseMove = Omit<BaseMovedJob, "kind">;

const closedSchema = z.object({
  ...repositoryFields,
  action: z.literal("closed"),
  pull_request: z.object({
    number: z.number().int(),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: z.string().nullable().optional(),
    closed_at: z.string().nullable().optional(),
    head: z.object({ sha: z.string() }),
    base: z.object({ ref: z.string(), sha: z.string() }),
  }),
});

/** `pull_request.closed`: a merge moved the base; a close without merge only leaves the podium. */
export function closedPullMove(payload: unknown, deliveryId: string): BaseMove {
  const { pull_request: pr, ...event } = closedSchema.parse(payload);
  const merged = pr.merged === true;
  const at = pr.closed_at ? { at: pr.closed_at } : {};
  return {
    ...repoOf(event),
    deliveryId,
    base: pr.base.ref,
    // The score that judges the re-entry is the base's after the merge; without a merge, the base did not move.
    baseSha: (merged ? pr.merge_commit_sha : undefined) ?? pr.base.sha,
    // GitHub's own time of the close orders it against reviews on the podium.
    merged: merged ? [{ number: pr.number, headSha: pr.head.sha, ...at }] : [],
    closed: merged ? [] : [{ number: pr.number, ...at }],
    pushedFiles: [],
  };
}

const pushSchema = z.object({
  ...repositoryFields,
  repository: repositoryFields.repository.extend({ default_branch: z.string().optional() }),
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

/** GitHub lists at most this many commits in a push event; a larger push is compared before..after instead. */
const PUSH_COMMITS_LISTED = 20;

/**
 * A push to the default branch (where agents' PRs land): the files it touched. Pushes to other branches, most of
 * them PR heads, are left alone: each would cost a listing of the open PRs for nothing.
 */
export function pushMove(payload: unknown, deliveryId: string): BaseMove | undefined {
  const event = pushSchema.parse(payload);
  const branch = event.ref.startsWith("refs/heads/") ? event.ref.slice("refs/heads/".length) : undefined;
  if (!branch || event.deleted || branch !== event.repository.default_branch) return undefined;
  const many = event.commits.length >= PUSH_COMMITS_LISTED;
  return {
    ...repoOf(event),
    deliveryId,
    base: branch,
    baseSha: event.after,
    merged: [],
    closed: [],
    pushedFiles: many ? [] : [...new Set(event.commits.flatMap((c) => [...c.added, ...c.removed, ...c.modified]))],
    ...(many ? { compare: { before: event.before, after: event.after } } : {}),
  };
}
