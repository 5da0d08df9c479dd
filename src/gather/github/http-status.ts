import { RequestError } from "@octokit/request-error";

/** The HTTP status of a failed GitHub request, or undefined when the error is not GitHub's answer. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RequestError ? error.status : undefined;
}
