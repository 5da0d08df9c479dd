import type { Endpoints } from "@octokit/types";

export const RULESET_NAME = "Maestro";

/** What GitHub returns for a repository ruleset. */
export type CurrentRuleset = Endpoints["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"]["response"]["data"];
type StatusRule = Extract<NonNullable<CurrentRuleset["rules"]>[number], { type: "required_status_checks" }>;

export type RulesetPlan =
  | { readonly kind: "nothing"; readonly message: string }
  | { readonly kind: "create"; readonly message: string; readonly body: Record<string, unknown> }
  | { readonly kind: "update"; readonly message: string; readonly id: number; readonly body: Record<string, unknown> };

/**
 * A repository ruleset named "Maestro" that requires the check named `checkName` (the publisher's,
 * passed in) on the branch (or the default branch): created when missing, completed when it lacks
 * the check or the branch, left alone when it already says so. Its other rules and conditions are kept.
 */
export function planRuleset(
  existing: CurrentRuleset | undefined,
  checkName: string,
  branch: string | undefined,
  appId: number | undefined,
  where: string,
): RulesetPlan {
  const ref = branch ? `refs/heads/${branch}` : "~DEFAULT_BRANCH";
  const check = appId === undefined ? { context: checkName } : { context: checkName, integration_id: appId };
  if (!existing) {
    return {
      kind: "create",
      message: `${where}: create the ruleset "${RULESET_NAME}" requiring the ${checkName} check on ${branch ?? "the default branch"}`,
      body: {
        name: RULESET_NAME,
        target: "branch",
        enforcement: "active",
        conditions: { ref_name: { include: [ref], exclude: [] } },
        rules: [
          {
            type: "required_status_checks",
            parameters: { strict_required_status_checks_policy: false, required_status_checks: [check] },
          },
        ],
      },
    };
  }
  const include = existing.conditions?.ref_name?.include ?? [];
  const rules = existing.rules ?? [];
  const statusRule = rules.find((r): r is StatusRule => r.type === "required_status_checks");
  const checks = statusRule?.parameters?.required_status_checks ?? [];
  const has = checks.some((c) => c.context === checkName && (appId === undefined || c.integration_id === appId));
  if (has && include.includes(ref))
    return {
      kind: "nothing",
      message: `${where}: the ruleset "${RULESET_NAME}" already requires the ${checkName} check; nothing to change`,
    };
  const newStatusRule: StatusRule = {
    type: "required_status_checks",
    parameters: {
      strict_required_status_checks_policy: false,
      ...(statusRule?.parameters ?? {}),
      required_status_checks: [...checks.filter((c) => c.context !== checkName), check],
    },
  };
  return {
    kind: "update",
    id: existing.id,
    message: `${where}: update the ruleset "${RULESET_NAME}" to require the ${checkName} check on ${branch ?? "the default branch"}, keeping its other rules`,
    body: {
      conditions: {
        ref_name: {
          include: include.includes(ref) ? include : [...include, ref],
          exclude: existing.conditions?.ref_name?.exclude ?? [],
        },
      },
      rules: [...rules.filter((r) => r.type !== "required_status_checks"), newStatusRule],
    },
  };
}
