import { z } from "zod";
import { parseCommands } from "../../commands/parse-commands.js";
import type { CommandJob } from "../review-job.js";
import { repoOf, repositoryFields } from "./payload.js";

const payloadSchema = z.object({
  ...repositoryFields,
  issue: z.object({ number: z.number().int(), pull_request: z.unknown().optional() }),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    user: z.object({ login: z.string(), type: z.string() }),
  }),
});

/**
 * `/maestro …` in a new PR comment. Comments on issues, comments by any bot (Maestro included) and
 * comments without a command do nothing; edits and deletions are not subscribed to.
 */
export function commentJob(payload: unknown, deliveryId: string): CommandJob | undefined {
  const event = payloadSchema.parse(payload);
  if (
    event.issue.pull_request === undefined ||
    event.comment.user.type === "Bot" ||
    event.comment.user.login.endsWith("[bot]")
  )
    return undefined;
  const commands = parseCommands(event.comment.body ?? "");
  if (commands.length === 0) return undefined;
  return {
    kind: "command",
    ...repoOf(event),
    pullNumber: event.issue.number,
    deliveryId,
    actor: { login: event.comment.user.login, isBot: false },
    commentId: event.comment.id,
    commands,
  };
}
