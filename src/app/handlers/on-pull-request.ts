import { z } from "zod";
import type { ReviewJob } from "../review-job.js";
import { repoOf, repositoryFields } from "./payload.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.edited",
] as const;

const payloadSchema = z.object({
  ...repositoryFields,
  action: z.string(),
  pull_request: z.object({
    number: z.number().int(),
    head: z.object({ sha: z.string() }),
    updated_at: z.string().optional(),
  }),
  changes: z.object({ base: z.unknown().optional() }).optional(),
});

/** A PR to judge, or nothing (an edit that did not move the base). */
export function pullRequestJob(payload: unknown, deliveryId: string): ReviewJob | undefined {
  const event = payloadSchema.parse(payload);
  // Only a new base branch changes the verdict of an edit; a new title does not.
  if (event.action === "edited" && event.changes?.base === undefined) return undefined;
  return {
    kind: "pull_request",
    ...repoOf(event),
    pullNumber: event.pull_request.number,
    headSha: event.pull_request.head.sha,
    trigger: "push",
    deliveryId,
    ...(event.pull_request.updated_at ? { updatedAt: event.pull_request.updated_at } : {}),
  };
}
