import { ProbotOctokit } from "probot";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;
type RetryDecision = (
  retryAfter: number,
  options: { method?: string; url?: string },
  octokit: unknown,
  retryCount: number,
) => boolean;

/** How many times a request waits and tries again after GitHub says "slow down". */
export const RATE_LIMIT_RETRIES = 3;
export const SECONDARY_RATE_LIMIT_RETRIES = 5;

/**
 * Probot's Octokit with throttling that waits and retries. Probot passes its own throttle options
 * when it builds each client (and its default gives up on a secondary rate limit, which would end
 * a review half-way), so they are replaced here, after Probot's, keeping its Redis connection.
 */
export function createMaestroOctokit(overrides: Partial<NonNullable<OctokitOptions["throttle"]>> = {}) {
  const onRateLimit: RetryDecision = (_after, _options, _octokit, retryCount) => retryCount < RATE_LIMIT_RETRIES;
  const onSecondaryRateLimit: RetryDecision = (_after, _options, _octokit, retryCount) =>
    retryCount < SECONDARY_RATE_LIMIT_RETRIES;
  return ProbotOctokit.defaults((options: OctokitOptions) => ({
    ...options,
    throttle: { ...options.throttle, onRateLimit, onSecondaryRateLimit, ...overrides },
    retry: { retries: 3, ...options.retry },
  }));
}
