import type { Note } from "../analyse/note.js";
import type { Outcome } from "../decide/check-outcome.js";
import type { GitHubChange, LocatedChange } from "../gather/github/github-change.js";
import type { RepoRef } from "../gather/github/github-client.js";
import type { GateState } from "../gather/github/required-check.js";
import type { OutputExtras, Provenance } from "../publish/check-output.js";
import { reviewChange } from "../review/review-change.js";
import { loadRepoScore } from "./load-repo-score.js";
import { extendsBanner, locationBanners, notRequiredBanner, truncatedBanner } from "./review-banners.js";
import type { ReviewDeps } from "./review-deps.js";

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
  const authorship = pull
    ? {
        authorship: { login: pull.author, branch: pull.branch, labels: pull.labels },
        pullText: { title: pull.title, body: pull.body },
      }
    : {};
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
  const review = await reviewChange({
    score: loaded.parsed.score,
    change,
    scope: "change",
    cache: deps.graphs,
    ...authorship,
    notes,
    ...(secondReader ? { secondReader } : {}),
  });
  return {
    outcome: { kind: "verdict", verdict: review.verdict },
    provenance: withScore,
    extras: { banners, graphs: { head: review.headGraph, base: review.baseGraph } },
  };
}
