import { z } from "zod";

/** One review to run: all a worker needs, serialisable so a Redis queue can carry it between replicas. */
export const reviewJobSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("pull_request"),
    installationId: z.number().int(),
    owner: z.string(),
    repo: z.string(),
    pullNumber: z.number().int(),
    headSha: z.string(),
    deliveryId: z.string(),
  }),
  z.object({
    kind: z.literal("merge_group"),
    installationId: z.number().int(),
    owner: z.string(),
    repo: z.string(),
    headSha: z.string(),
    baseSha: z.string(),
    headRef: z.string(),
    deliveryId: z.string(),
  }),
]);
export type ReviewJob = z.infer<typeof reviewJobSchema>;

/** Reviews of one PR (or one merge group) run one after another, in the order they came. */
export function jobKey(job: ReviewJob): string {
  return job.kind === "pull_request" ? `${job.owner}/${job.repo}#${job.pullNumber}` : `${job.owner}/${job.repo}@${job.headRef}`;
}
