import { authorshipOf, detectAgent } from "../decide/detect-agent.js";
import { listComparedFiles, listPullRequestFiles } from "../gather/github/list-changed-files.js";
import { readOpenPulls } from "../gather/github/open-pulls.js";
import type { RepoRef } from "../gather/github/github-client.js";
import { createModuleMap } from "../analyse/conformance/index.js";
import { podiumSettings, type Score } from "../score/score-schema.js";
import { loadRepoScore } from "./load-repo-score.js";
import type { ReviewDeps } from "./review-deps.js";
import type { BaseMovedJob, ReviewJob } from "./review-job.js";

/** What a re-entry did: the PRs re-judged, newest first, and those it left for want of room. */
export interface Reentry {
  readonly rejudged: readonly number[];
  readonly leftOut: readonly number[];
}

/**
 * SPEC §8, re-entry: the base moved under the open PRs, so those whose changes overlap what moved get a new review
 * on their newest head (their contention and conformance may have changed). A merged PR's files overlap an open
 * PR's by the same file or the same module; a direct push's by the same file. At most `contention.max_rejudge` are
 * re-judged, the most recently updated first; a note on the merged PR names the rest.
 */
export async function runReentry(
  job: BaseMovedJob,
  deps: ReviewDeps,
  enqueue: (job: ReviewJob) => Promise<void>,
): Promise<Reentry> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const loaded = await loadRepoScore(deps.octokit, repo, new Map(), job.baseSha);
  if (loaded.kind !== "found" || !loaded.parsed.ok) return { rejudged: [], leftOut: [] };
  const score = loaded.parsed.score;
  const moved = await movedFiles(job, repo, deps);
  const at = new Date().toISOString();
  const closings = [
    ...job.merged.map((m) => ({ kind: "closed" as const, pr: m.number, merged: true, at: m.at ?? at })),
    ...job.closed.map((c) => ({ kind: "closed" as const, pr: c.number, merged: false, at: c.at ?? at })),
  ];
  if (podiumSettings(score).enabled && deps.orchestra && closings.length > 0) {
    // The podium is told, or says it could not be: never a reason to leave the open PRs unjudged.
    await deps.orchestra.podium
      .add({ ...repo, installationId: job.installationId }, closings, podiumSettings(score).debounce_s)
      .catch((error: unknown) => deps.log.warn({ err: error }, "could not tell the podium of the closed PRs"));
  }
  if (!score.contention.enabled || !deps.orchestra) return { rejudged: [], leftOut: [] };

  const orchestra = deps.orchestra;
  const open = await readOpenPulls(deps.octokit, repo, job.base, undefined, { files: orchestra.files });
  const mergedNumbers = new Set(job.merged.map((m) => m.number));
  const modules = createModuleMap(score);
  const moduleOf = (path: string) => (modules.isIgnored(path) ? undefined : modules.moduleOf(path)?.name);
  const movedByMerge = new Set(moved.byMerge);
  const movedModules = new Set(moved.byMerge.map(moduleOf).filter((m): m is string => m !== undefined));
  const movedByPush = new Set(moved.byPush);
  const agents = open.pulls.filter((p) => !mergedNumbers.has(p.number) && detectAgent(score, authorshipOf(p)).agent);
  // A PR whose files could not be read may overlap what moved: it is named in the note, never silently skipped.
  const unread = agents.filter((p) => !p.files).map((p) => p.number);
  const touched = agents.filter((p) =>
    (p.files ?? []).some((f) => movedByMerge.has(f) || movedByPush.has(f) || movedModules.has(moduleOf(f) ?? "\0")),
  );
  // The listing is newest first: the most recently updated are re-judged, the oldest left with the note.
  const chosen = touched.slice(0, score.contention.max_rejudge);
  const leftOut = touched.slice(score.contention.max_rejudge).map((p) => p.number);
  for (const p of chosen) {
    await enqueue({
      kind: "pull_request",
      installationId: job.installationId,
      owner: job.owner,
      repo: job.repo,
      // One id per PR head and base move: a merge's `closed` and push webhooks, taken by two replicas, queue it once.
      deliveryId: `reentry-${job.baseSha}`,
      pullNumber: p.number,
      headSha: p.headSha,
      trigger: "base-moved",
    });
  }
  const rejudged = chosen.map((p) => p.number);
  if (leftOut.length > 0 || unread.length > 0) {
    deps.log.info({ base: job.base, leftOut, unread }, "re-entry left open PRs unjudged");
    const first = job.merged[0];
    const on = first ? { issue: first.number } : { commit: job.baseSha };
    await noteLeftOut(repo, on, { rejudged, leftOut, unread }, score, deps);
  }
  return { rejudged, leftOut };
}

/** The paths the move changed: each merged PR's (from the files cache when its head was read), and the pushed ones. */
async function movedFiles(
  job: BaseMovedJob,
  repo: RepoRef,
  deps: ReviewDeps,
): Promise<{ byMerge: string[]; byPush: string[] }> {
  const byMerge: string[] = [];
  for (const m of job.merged) {
    const cached = deps.orchestra?.files.get(`${repo.owner}/${repo.repo}@${m.headSha}`);
    if (cached) byMerge.push(...cached.files);
    else byMerge.push(...(await listPullRequestFiles(deps.octokit, repo, m.number, 0)).files.flatMap(pathsOf));
  }
  const byPush = [...job.pushedFiles];
  if (job.compare)
    byPush.push(
      ...(await listComparedFiles(deps.octokit, repo, job.compare.before, job.compare.after)).files.flatMap(pathsOf),
    );
  return { byMerge, byPush };
}

function pathsOf(file: { path: string; previousPath?: string }): string[] {
  return file.previousPath ? [file.path, file.previousPath] : [file.path];
}

/**
 * The note that names the open PRs re-entry left: on the merged PR, or for a direct push on its commit. One write,
 * whatever the number of PRs.
 */
async function noteLeftOut(
  repo: RepoRef,
  on: { readonly issue: number } | { readonly commit: string },
  prs: {
    readonly rejudged: readonly number[];
    readonly leftOut: readonly number[];
    readonly unread: readonly number[];
  },
  score: Score,
  deps: ReviewDeps,
): Promise<void> {
  const list = (numbers: readonly number[]) => numbers.map((n) => `#${n}`).join(", ");
  const what = "issue" in on ? "this merge" : "this push";
  const body = [
    prs.rejudged.length > 0
      ? `Maestro re-judged the open agent PRs ${what} overlapped: ${list(prs.rejudged)}.`
      : `Maestro re-judged none of the open agent PRs ${what} overlapped.`,
    ...(prs.leftOut.length > 0
      ? [
          `${prs.leftOut.length} more overlap it but were not re-judged (\`contention.max_rejudge: ${score.contention.max_rejudge}\`): ${list(prs.leftOut)}. Their verdicts predate ${what}; \`/maestro re-review\` on each brings it up to date.`,
        ]
      : []),
    ...(prs.unread.length > 0
      ? [
          `The files of ${list(prs.unread)} could not be read, so whether ${what} overlaps them is not known: \`/maestro re-review\` on each judges it on the new base.`,
        ]
      : []),
  ].join("\n\n");
  try {
    if ("issue" in on) await deps.octokit.rest.issues.createComment({ ...repo, issue_number: on.issue, body });
    else await deps.octokit.rest.repos.createCommitComment({ ...repo, commit_sha: on.commit, body });
  } catch (error) {
    deps.log.warn({ err: error, on }, "could not leave the re-entry note");
  }
}
