import { z } from "zod";
import { RE_REVIEW_ACTION, SIGN_OFF_ACTION } from "../../publish/check-run.js";
import type { Job } from "../review-job.js";
import { repoOf, repositoryFields } from "./payload.js";

export const CHECK_RERUN_EVENTS = [
  "check_run.rerequested",
  "check_run.requested_action",
  "check_suite.rerequested",
] as const;

const pullRequests = z.array(z.object({ number: z.number().int() }));
const checkRunPayload = z.object({
  ...repositoryFields,
  action: z.string(),
  check_run: z.object({ head_sha: z.string(), pull_requests: pullRequests }),
  requested_action: z.object({ identifier: z.string() }).optional(),
  sender: z.object({ login: z.string(), type: z.string() }),
});
const checkSuitePayload = z.object({
  ...repositoryFields,
  check_suite: z.object({ head_sha: z.string(), pull_requests: pullRequests }),
});

/**
 * GitHub's "Re-run" (a check run or the whole suite) and the `Re-review` button: the same review
 * again. The `Sign off` button is `/maestro approve` by whoever clicked, with the same checks.
 */
export function rerunJobs(event: string, payload: unknown, deliveryId: string): Job[] {
  if (event === "check_suite") {
    const suite = checkSuitePayload.parse(payload);
    return reviewsAgain(suite.check_suite.pull_requests, {
      ...repoOf(suite),
      headSha: suite.check_suite.head_sha,
      deliveryId,
    });
  }
  const run = checkRunPayload.parse(payload);
  if (run.action === "requested_action" && run.requested_action?.identifier === SIGN_OFF_ACTION.identifier) {
    return run.check_run.pull_requests.map((pr) => ({
      kind: "command",
      ...repoOf(run),
      pullNumber: pr.number,
      // The commit whose check run was clicked: a sign-off never lands on a later push.
      headSha: run.check_run.head_sha,
      deliveryId,
      actor: { login: run.sender.login, isBot: run.sender.type === "Bot" },
      commands: [{ kind: "approve", reason: "signed off with the check run's button" }],
    }));
  }
  if (run.action === "requested_action" && run.requested_action?.identifier !== RE_REVIEW_ACTION.identifier) return [];
  return reviewsAgain(run.check_run.pull_requests, { ...repoOf(run), headSha: run.check_run.head_sha, deliveryId });
}

/** A review of the commit again, for each PR it belongs to: asked for explicitly, so never skipped as superseded. */
function reviewsAgain(
  pulls: z.infer<typeof pullRequests>,
  what: ReturnType<typeof repoOf> & { headSha: string; deliveryId: string },
): Job[] {
  return pulls.map((pr) => ({ kind: "pull_request", ...what, pullNumber: pr.number, trigger: "rerun" }));
}
