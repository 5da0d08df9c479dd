import { RequestError } from "@octokit/request-error";

/** The HTTP status of a failed GitHub request, or undefined when the error is not GitHub's answer. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RequestError ? error.status : undefined;
}

/** A 429, or a 403 that is GitHub's rate limit (primary or secondary) rather than a missing permission. */
export function isRateLimited(error: unknown): boolean {
  if (!(error instanceof RequestError)) return false;
  if (error.status === 429) return true;
  return (
    error.status === 403 &&
    (error.response?.headers?.["x-ratelimit-remaining"] === "0" || /rate limit/i.test(error.message))
  );
}

/** Worth asking again after a pause: GitHub failing (5xx), limiting the rate, or not answering at all. */
export function isPassingFailure(error: unknown): boolean {
  if (!(error instanceof RequestError)) return false;
  return error.status >= 500 || error.status === 0 || isRateLimited(error);
}
