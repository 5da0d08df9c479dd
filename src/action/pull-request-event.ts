import { z } from "zod";
import { UsageError } from "../cli/cli-io.js";
import type { Authorship } from "../decide/detect-agent.js";

/** The PR a workflow runs for, as its event payload says: the commits to compare and who wrote it. */
export interface PullRequestEvent {
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  readonly authorship: Authorship;
}

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const payloadSchema = z.object({
  pull_request: z.object({
    number: z.number().int(),
    user: z.object({ login: z.string(), id: z.number().int(), type: z.string() }).nullable(),
    base: z.object({ sha }),
    head: z.object({ sha, ref: z.string() }),
    labels: z.array(z.object({ name: z.string() })).default([]),
  }),
});

/**
 * The PR of a `pull_request` (or `pull_request_target`) event payload, the file `GITHUB_EVENT_PATH` names. Its author
 * is read as the App reads it: login, account id and type, head branch, labels; `agents.apps` matches a bot account
 * by id or by its `<slug>[bot]` login (GitHub names the app that opened a person's PR only in the issue form, which
 * the App fetches and a workflow's payload does not carry).
 */
export function pullRequestEvent(payloadText: string, eventName: string | undefined): PullRequestEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch (error) {
    throw new UsageError(`the event payload is not JSON: ${(error as Error).message}`);
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success)
    throw new UsageError(
      `Maestro judges pull requests: run it on pull_request events (this is ${eventName ?? "an unnamed"} event, whose payload has no pull_request with base and head commits)`,
    );
  const pr = parsed.data.pull_request;
  return {
    number: pr.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    authorship: {
      ...(pr.user ? { login: pr.user.login, authorId: pr.user.id, authorType: pr.user.type } : {}),
      branch: pr.head.ref,
      labels: pr.labels.map((l) => l.name),
    },
  };
}
