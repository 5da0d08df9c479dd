import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import type { Annotation } from "./annotations.js";
import { CHECK_NAME } from "./check-name.js";
import type { CheckOutput } from "./check-output.js";
import { isPassingFailure, statusOf } from "../gather/github/http-status.js";

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** The buttons of SPEC §3 (label ≤ 20, description ≤ 40, identifier ≤ 20 characters). */
export const RE_REVIEW_ACTION = {
  label: "Re-review",
  description: "Run Maestro again on this commit",
  identifier: "re-review",
} as const;
export const SIGN_OFF_ACTION = {
  label: "Sign off",
  description: "Approve as a conductor",
  identifier: "sign-off",
} as const;

/** Shows `in_progress` on the head SHA at once: the first write of every review. */
export async function startCheckRun(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  headSha: string,
  detailsUrl: string,
  externalId: string,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner,
    repo,
    name: CHECK_NAME,
    head_sha: headSha,
    status: "in_progress",
    started_at: new Date().toISOString(),
    details_url: detailsUrl,
    external_id: externalId,
    output: { title: "Reviewing…", summary: "Maestro is judging this change against the score." },
  });
  return data.id;
}

/**
 * Says what the review is waiting for while the run stays `in_progress`: the rules are done and the second reader
 * is being asked. Best effort: the completing write is the one that counts.
 */
export async function showCheckRunProgress(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  checkRunId: number,
  output: { readonly title: string; readonly summary: string },
): Promise<void> {
  await octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, status: "in_progress", output });
}

/** Waits between further attempts at a completing write, after Octokit's own retries gave up. */
export const COMPLETION_RETRY_DELAYS_MS: readonly number[] = [2_000, 10_000, 30_000];

/**
 * Completes the check run with its verdict and the first 50 annotations in one write, then adds
 * the rest 50 at a time (GitHub appends annotations across updates). The completing write is what
 * un-blocks or blocks a merge, so it is not best effort: after a run of 502s or secondary rate
 * limits each write is tried again with growing pauses (a write that went through is never sent
 * twice, so no annotation is doubled); GitHub refusing the output itself (422) gets a plain
 * `failure` that says the verdict could not be published. If GitHub stays down throughout, the run
 * is left `in_progress` and the error thrown: the reconciler finishes it.
 */
export async function completeCheckRun(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  checkRunId: number,
  output: CheckOutput,
  detailsUrl: string,
  delaysMs: readonly number[] = COMPLETION_RETRY_DELAYS_MS,
): Promise<void> {
  const complete = (shown: CheckOutput, annotations: readonly Annotation[]) =>
    octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: checkRunId,
      status: "completed",
      completed_at: new Date().toISOString(),
      conclusion: shown.conclusion,
      details_url: detailsUrl,
      external_id: shown.externalId,
      output: { title: shown.title, summary: shown.summary, annotations: [...annotations] },
      // Only a conductor verdict can be approved; a block needs an override, with a reason a button cannot give.
      actions: shown.conclusion === "action_required" ? [RE_REVIEW_ACTION, SIGN_OFF_ACTION] : [RE_REVIEW_ACTION],
    });
  const batches = chunk(output.annotations, ANNOTATIONS_PER_REQUEST);
  try {
    await withRetries(() => complete(output, batches[0] ?? []), delaysMs);
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    return void (await withRetries(() => complete(unpublishable(output, error), []), delaysMs));
  }
  const text = { title: output.title, summary: output.summary };
  for (const batch of batches.slice(1)) {
    await withRetries(
      () =>
        octokit.rest.checks.update({
          owner,
          repo,
          check_run_id: checkRunId,
          output: { ...text, annotations: [...batch] },
        }),
      delaysMs,
    );
  }
}

/**
 * One write, tried again after a pause while GitHub fails (5xx, no answer) or limits the rate; a missing permission is
 * not.
 */
async function withRetries<T>(write: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await write();
    } catch (error) {
      if (!isPassingFailure(error) || i >= delaysMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delaysMs[i]));
    }
  }
}

function unpublishable(output: CheckOutput, error: unknown): CheckOutput {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    conclusion: "failure",
    title: "Maestro could not publish its verdict",
    summary: `GitHub refused the verdict's output (${reason.slice(0, 500)}), so this PR is not passed. Re-run the check to try again.`,
    annotations: [],
    externalId: output.externalId,
  };
}

function chunk(items: readonly Annotation[], size: number): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
