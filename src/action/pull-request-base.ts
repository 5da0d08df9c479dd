import { UsageError } from "../cli/cli-io.js";
import { runGit } from "../gather/git/run-git.js";
import type { PullRequestEvent } from "./pull-request-event.js";

const FETCH_DEPTH = "actions/checkout fetches one commit unless told otherwise: give it `fetch-depth: 0`";

/**
 * The commit the PR is judged against: the merge-base of its base and head, as GitHub's "Files changed" shows it, so
 * commits on the base branch after the PR forked are not read as the PR undoing them. A commit the clone lacks is
 * said with the fix, never judged against something else.
 */
export async function pullRequestBase(repoDir: string, event: PullRequestEvent): Promise<string> {
  for (const [side, sha] of [
    ["base", event.baseSha],
    ["head", event.headSha],
  ] as const) {
    const present = await runGit(repoDir, ["cat-file", "-e", `${sha}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (!present)
      throw new UsageError(
        `the PR's ${side} commit ${sha} is not in this clone (${repoDir}): ${FETCH_DEPTH} (or enough history to hold both the base and the head commits)`,
      );
  }
  const out = await runGit(repoDir, ["merge-base", event.baseSha, event.headSha]).catch(() => undefined);
  const mergeBase = out?.toString("utf8").trim();
  if (!mergeBase)
    throw new UsageError(
      `the PR's base ${event.baseSha} and head ${event.headSha} have no common commit in this clone: its history stops before the PR forked; ${FETCH_DEPTH}`,
    );
  return mergeBase;
}
