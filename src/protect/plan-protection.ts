import type { Endpoints } from "@octokit/types";

/** A required status check as branch protection lists it. */
export interface RequiredCheck {
  readonly context: string;
  readonly app_id?: number | null;
}

/** What GitHub returns for a branch's protection (`maestro protect` keeps the settings it can write back). */
export type CurrentProtection = Endpoints["GET /repos/{owner}/{repo}/branches/{branch}/protection"]["response"]["data"];

export type ProtectionPlan =
  | { readonly kind: "nothing"; readonly message: string }
  | { readonly kind: "add-check"; readonly message: string; readonly strict: boolean; readonly checks: RequiredCheck[] }
  | { readonly kind: "replace"; readonly message: string; readonly body: Record<string, unknown> };

/**
 * What to change so the check named `checkName` (the publisher's, passed in: the planner knows
 * nothing of GitHub names) is required, keeping every other setting as it is:
 * nothing when it is already required; only the list of checks when status checks are on; else the
 * whole protection written back with status checks added (GitHub has no narrower write for that).
 */
export function planProtection(
  current: CurrentProtection | undefined,
  checkName: string,
  appId: number | undefined,
  where: string,
): ProtectionPlan {
  const maestro: RequiredCheck = appId === undefined ? { context: checkName } : { context: checkName, app_id: appId };
  const status = current?.required_status_checks;
  const existing: RequiredCheck[] = status
    ? [...(status.checks ?? (status.contexts ?? []).map((context) => ({ context })))]
    : [];
  const found = existing.find((c) => c.context === checkName);
  if (found && (appId === undefined || found.app_id === appId))
    return { kind: "nothing", message: `${where}: the ${checkName} check is already required; nothing to change` };
  const checks = [...existing.filter((c) => c.context !== checkName), maestro];
  const what = found
    ? `bind the required ${checkName} check to app ${appId}`
    : `add ${checkName} to the required status checks${appId === undefined ? "" : ` (from app ${appId})`}`;
  if (status)
    return {
      kind: "add-check",
      message: `${where}: ${what}, keeping ${existing.length} other required check(s) and every other setting`,
      strict: status.strict ?? false,
      checks,
    };
  const body = protectionBody(current, { strict: false, checks });
  return {
    kind: "replace",
    message: current
      ? `${where}: turn on required status checks with ${checkName}, keeping every other protection setting`
      : `${where}: protect the branch, requiring the ${checkName} check`,
    body,
  };
}

/** The PUT body that writes `current` back as it is, with `statusChecks`. */
function protectionBody(
  current: CurrentProtection | undefined,
  { strict, checks }: { strict: boolean; checks: RequiredCheck[] },
): Record<string, unknown> {
  const reviews = current?.required_pull_request_reviews;
  const people = (x?: {
    users?: readonly { login?: string }[];
    teams?: readonly { slug: string }[];
    apps?: readonly ({ slug?: string } | null)[];
  }) =>
    x
      ? {
          users: (x.users ?? []).map((u) => u.login),
          teams: (x.teams ?? []).map((t) => t.slug),
          apps: (x.apps ?? []).map((a) => a?.slug),
        }
      : undefined;
  const flag = (x?: { enabled?: boolean }) => x?.enabled ?? false;
  return {
    // `contexts` is deprecated in favour of `checks` but still required by the endpoint.
    required_status_checks: { strict, contexts: checks.map((c) => c.context), checks },
    enforce_admins: current?.enforce_admins?.enabled ?? false,
    required_pull_request_reviews: reviews
      ? {
          dismiss_stale_reviews: reviews.dismiss_stale_reviews ?? false,
          require_code_owner_reviews: reviews.require_code_owner_reviews ?? false,
          required_approving_review_count: reviews.required_approving_review_count ?? 1,
          require_last_push_approval: reviews.require_last_push_approval ?? false,
          ...(reviews.dismissal_restrictions ? { dismissal_restrictions: people(reviews.dismissal_restrictions) } : {}),
          ...(reviews.bypass_pull_request_allowances
            ? { bypass_pull_request_allowances: people(reviews.bypass_pull_request_allowances) }
            : {}),
        }
      : null,
    restrictions: current?.restrictions ? people(current.restrictions) : null,
    required_linear_history: flag(current?.required_linear_history),
    allow_force_pushes: flag(current?.allow_force_pushes),
    allow_deletions: flag(current?.allow_deletions),
    block_creations: flag(current?.block_creations),
    required_conversation_resolution: flag(current?.required_conversation_resolution),
    lock_branch: flag(current?.lock_branch),
    allow_fork_syncing: flag(current?.allow_fork_syncing),
  };
}
