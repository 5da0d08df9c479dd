import { agentName } from "../decide/agent-name.js";
import type { Verdict } from "../decide/verdict.js";
import type { RepoRef } from "../gather/github/github-client.js";
import type { PodiumNews } from "./judge-change.js";
import type { ReviewDeps } from "./review-deps.js";
import { jobKey, type ReviewJob } from "./review-job.js";

/**
 * After a PR's verdict is written: remember it for the reviews of the PRs it overlaps ("Other instruments"), and
 * tell the podium. Neither may fail the review, whose verdict is already out.
 */
export async function tellOrchestra(
  job: ReviewJob,
  repo: RepoRef,
  verdict: Verdict,
  news: PodiumNews,
  deps: ReviewDeps,
): Promise<void> {
  const orchestra = deps.orchestra;
  if (!orchestra || job.kind !== "pull_request") return;
  try {
    await orchestra.verdicts.set(`${repo.owner}/${repo.repo}`, job.pullNumber, {
      head: job.headSha,
      verdict: verdict.verdict,
      risk: verdict.risk.score,
    });
    if (!news.settings.enabled) return;
    await orchestra.podium.add(
      { ...repo, installationId: job.installationId },
      [
        {
          kind: "reviewed",
          pr: job.pullNumber,
          head: job.headSha,
          agent: agentName(verdict.subject, news.author),
          author: news.author,
          human: !verdict.subject.agent,
          verdict: verdict.verdict,
          risk: verdict.risk.score,
          modules: verdict.orchestra?.modules ?? [],
          contention: (verdict.contention ?? []).map((c) => c.pr),
          open: news.open,
          at: news.readAt,
        },
      ],
      news.settings.debounce_s,
    );
  } catch (error) {
    deps.log.warn({ err: error, job: jobKey(job) }, "could not tell the podium of this verdict");
  }
}
