import type { GitHubClient, RepoRef } from "./github-client.js";
import { statusOf } from "./http-status.js";

export type GateState = "required" | "not-required" | "unknown";

/**
 * Whether the check named `checkName` is required on a branch, by classic branch protection or by a
 * ruleset. "unknown" when GitHub will not say (403: the app lacks the permission; 404: the branch
 * or its rules are not visible): the summary then says nothing rather than guess. Any other failure
 * is thrown, for the caller to log.
 */
export async function requiredCheckState(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  branch: string,
  checkName: string,
): Promise<GateState> {
  try {
    const { data } = await octokit.rest.repos.getBranch({ owner, repo, branch });
    const classic = data.protection?.required_status_checks;
    const names = [...(classic?.contexts ?? []), ...(classic?.checks ?? []).map((c) => c.context)];
    if (names.includes(checkName)) return "required";
    const { data: rules } = await octokit.rest.repos.getBranchRules({ owner, repo, branch });
    const fromRulesets = rules.some(
      (rule) =>
        rule.type === "required_status_checks" &&
        (rule.parameters?.required_status_checks ?? []).some((c: { context: string }) => c.context === checkName),
    );
    return fromRulesets ? "required" : "not-required";
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return "unknown";
    throw error;
  }
}
