import type { Note } from "../analyse/note.js";
import type { Outcome } from "../decide/check-outcome.js";
import type { GitHubChange, LocatedChange } from "../gather/github/github-change.js";
import type { RepoRef } from "../gather/github/github-client.js";
import type { GateState } from "../gather/github/required-check.js";
import type { OutputExtras, Provenance } from "../publish/check-output.js";
import { reviewChange } from "../review/review-change.js";
import { instructionsDrift } from "./instructions-drift.js";
import { loadRepoScore } from "./load-repo-score.js";
import { extendsBanner, locationBanners, notRequiredBanner, truncatedBanner } from "./review-banners.js";
import type { OrchestraDeps, ReviewDeps } from "./review-deps.js";
import type { OtherPulls } from "../analyse/contention/index.js";
import type { AgentRecord } from "../decide/agent-record-schema.js";
import { recordOf } from "../decide/agent-record.js";
import { detectAgent, type Authorship } from "../decide/detect-agent.js";
import { readOpenPulls } from "../gather/github/open-pulls.js";
import { podiumSettings, type Score } from "../score/score-schema.js";

/** What the second reader needs from the review under way: whose calls it counts, and how to say it is waiting. */
export interface ReadingContext {
  /** The PR whose daily calls are counted; absent for a merge group (each group's head is read once). */
  readonly pullNumber?: number;
  /** Called as the model is asked: the check run says the rules are done. */
  readonly onAsking?: () => Promise<void>;
}

/** A review's result before sign-offs: what the check run and the comment will say. */
export interface Judged {
  readonly outcome: Outcome;
  readonly provenance: Provenance;
  readonly extras: OutputExtras;
  /** What the podium is told of this PR once its verdict is written; absent for a merge group or without a score. */
  readonly podium?: PodiumNews;
}

/** The score's podium settings at the PR's base, and who wrote the PR: the podium event is built from the verdict. */
export interface PodiumNews {
  readonly settings: { readonly enabled: boolean; readonly debounce_s: number };
  readonly author: string;
  /** Whether the PR was open when read. */
  readonly open: boolean;
  /**
   * When the PR was read: the podium orders events by it, so a review that read an open PR and finished after its
   * merge is older news than the merge, and never reopens it.
   */
  readonly readAt: string;
}

/**
 * The core's verdict on a change opened from GitHub, under the score of its base commit. A
 * repository with no score, or a score that does not parse, gets that outcome instead; a change
 * GitHub would not list whole is judged on what it listed, and says so.
 */
export async function judgeChange(
  located: LocatedChange,
  change: GitHubChange,
  gate: GateState,
  provenance: Provenance,
  repo: RepoRef,
  deps: ReviewDeps,
  reading: ReadingContext = {},
): Promise<Judged> {
  const readAt = new Date().toISOString();
  const banners = locationBanners(located);
  const baseRef = located.pull?.baseRef;
  if (gate === "not-required" && baseRef !== undefined) banners.push(notRequiredBanner(repo, baseRef));
  const loaded = await loadRepoScore(deps.octokit, repo, change.baseSnapshot, located.baseSha);
  const withScore: Provenance =
    loaded.kind === "found" ? { ...provenance, scoreCommit: located.baseSha, scoreBlob: loaded.blobSha } : provenance;
  if (loaded.kind === "missing") return { outcome: { kind: "no-score" }, provenance: withScore, extras: { banners } };
  if (!loaded.parsed.ok)
    return {
      outcome: { kind: "invalid-score", problems: loaded.parsed.problems },
      provenance: withScore,
      extras: { banners },
    };
  if (loaded.extendedFrom) banners.push(extendsBanner(loaded.extendedFrom));
  // The CLI does not follow `extends:`, so a section it wrote cannot carry an extended score's hash.
  else banners.push(...(await instructionsDrift(change, loaded.parsed.score, deps.log)));

  const notes: Note[] = [];
  if (change.truncated) {
    notes.push({
      unjudged: true,
      message: `GitHub lists only the first ${change.listedFiles} changed files: the rest were not judged`,
    });
    banners.push(truncatedBanner(change.listedFiles));
  }
  const pull = located.pull;
  // A merge group has no author: it is judged as an agent's change.
  const author = pull ? await authorOf(pull, reading.pullNumber, loaded.parsed.score, repo, deps) : undefined;
  const authorship = pull && author ? { authorship: author, pullText: { title: pull.title, body: pull.body } } : {};
  const reader = deps.reader;
  // The openai client is loaded only for a score that asks for the reader.
  const secondReader =
    reader && loaded.parsed.score.llm.enabled
      ? (await import("../llm/openai-reader.js")).createOpenAIReader({
          ...reader,
          commits: { head: located.headSha, base: located.baseSha },
          // A merge group's calls count under its repository: every rebuilt queue head is a new commit to pay for.
          pr: `${repo.owner}/${repo.repo}${reading.pullNumber !== undefined ? `#${reading.pullNumber}` : "@merge-group"}`,
          ...(reading.onAsking ? { onAsking: reading.onAsking } : {}),
        })
      : undefined;
  const score = loaded.parsed.score;
  const pullNumber = reading.pullNumber;
  const orchestra = deps.orchestra;
  const together = pull && pullNumber !== undefined && orchestra ? { pull, pullNumber, orchestra } : undefined;
  const [others, record] = together
    ? await Promise.all([
        score.contention.enabled ? otherPulls(together, repo, deps, notes) : undefined,
        agentRecord(together.orchestra, author, score, repo, deps, notes),
      ])
    : [undefined, undefined];
  const review = await reviewChange({
    score,
    change,
    scope: "change",
    cache: deps.graphs,
    ...authorship,
    notes,
    ...(secondReader ? { secondReader } : {}),
    ...(others ? { others } : {}),
    ...(pullNumber !== undefined ? { pullNumber } : {}),
    ...(record ? { record } : {}),
  });
  return {
    outcome: { kind: "verdict", verdict: review.verdict },
    provenance: withScore,
    extras: { banners, graphs: { head: review.headGraph, base: review.baseGraph } },
    ...(pull
      ? { podium: { settings: podiumSettings(score), author: pull.author, open: pull.open ?? true, readAt } }
      : {}),
  };
}

/**
 * What is known of the PR's author: login, account id and type, branch, labels, and, when the score names agents by
 * `apps` and the author is a person's account, the GitHub App that opened the PR for them (`performed_via_github_app`,
 * which only the issue form of a PR carries: one more request, made only then).
 */
async function authorOf(
  pull: NonNullable<LocatedChange["pull"]>,
  pullNumber: number | undefined,
  score: Score,
  repo: RepoRef,
  deps: ReviewDeps,
): Promise<Authorship> {
  const known: Authorship = {
    login: pull.author,
    branch: pull.branch,
    labels: pull.labels,
    ...(pull.authorId !== undefined ? { authorId: pull.authorId } : {}),
    ...(pull.authorType !== undefined ? { authorType: pull.authorType } : {}),
  };
  const namesApps = score.agents.apps !== undefined || score.agents.parts.some((p) => p.apps !== undefined);
  if (!namesApps || pull.authorType === "Bot" || pullNumber === undefined) return known;
  try {
    const { data } = await deps.octokit.rest.issues.get({ ...repo, issue_number: pullNumber });
    const app = data.performed_via_github_app;
    return app ? { ...known, app: { id: app.id, slug: app.slug ?? "" } } : known;
  } catch (error) {
    // Judged by login, branch and label, as before apps were named: said in the log, never a failed review.
    deps.log.warn({ err: error }, "could not read which app opened the PR: matched by login, branch and label");
    return known;
  }
}

interface Together {
  readonly pull: NonNullable<LocatedChange["pull"]>;
  readonly pullNumber: number;
  readonly orchestra: OrchestraDeps;
}

/**
 * The other open PRs on this PR's base. Not reading them is said in the verdict (contention was not weighed), never
 * a failed review: what they would add is advice about other PRs, not a judgement of this one.
 */
async function otherPulls(
  { pull, pullNumber, orchestra }: Together,
  repo: RepoRef,
  deps: ReviewDeps,
  notes: Note[],
): Promise<OtherPulls | undefined> {
  try {
    return await readOpenPulls(deps.octokit, repo, pull.baseRef, pullNumber, {
      files: orchestra.files,
      verdicts: (numbers) => orchestra.verdicts.get(`${repo.owner}/${repo.repo}`, numbers),
      onFallback: (error) =>
        deps.log.warn({ err: error }, "GitHub's GraphQL API failed: the open PRs' files were listed one by one"),
    });
  } catch (error) {
    deps.log.warn({ err: error }, "could not read the other open PRs: contention not weighed");
    notes.push({
      unjudged: false,
      message: `The other open PRs on ${pull.baseRef} could not be read (${error instanceof Error ? error.message : String(error)}): contention with them was not weighed.`,
    });
    return undefined;
  }
}

/** The PR's agent's record on the podium, read only when its part asks for `trust` (one request at most). */
async function agentRecord(
  orchestra: OrchestraDeps,
  author: Authorship | undefined,
  score: Score,
  repo: RepoRef,
  deps: ReviewDeps,
  notes: Note[],
): Promise<AgentRecord | undefined> {
  const part = detectAgent(score, author).part;
  if (!part?.trust || !podiumSettings(score).enabled) return undefined;
  try {
    const state = await orchestra.podium.state(deps.octokit, repo);
    if (!state)
      notes.push({
        unjudged: false,
        message: `The podium holds no record Maestro can read yet (none written, or its state was edited): part "${part.name}"'s trust did not change its review_at.`,
      });
    return state ? recordOf(state, part.name, new Date()) : undefined;
  } catch (error) {
    deps.log.warn({ err: error }, "could not read the podium: judged without the agent's record");
    notes.push({
      unjudged: false,
      message: `The podium could not be read (${error instanceof Error ? error.message : String(error)}): part "${part.name}"'s record did not change its review_at.`,
    });
    return undefined;
  }
}
