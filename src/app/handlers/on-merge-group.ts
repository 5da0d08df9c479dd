import { z } from "zod";
import type { ReviewJob } from "../review-job.js";
import { repoOf, repositoryFields } from "./payload.js";

const payloadSchema = z.object({
  ...repositoryFields,
  merge_group: z.object({ head_sha: z.string(), base_sha: z.string(), head_ref: z.string() }),
});

/** A merge queue asks for the `Maestro` check on the group's head: judged on the group's own change. */
export function mergeGroupJob(payload: unknown, deliveryId: string): ReviewJob {
  const event = payloadSchema.parse(payload);
  const { head_sha, base_sha, head_ref } = event.merge_group;
  return { kind: "merge_group", ...repoOf(event), headSha: head_sha, baseSha: base_sha, headRef: head_ref, deliveryId };
}
