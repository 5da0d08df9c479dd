import type { Logger } from "probot";
import type { GraphCache } from "../analyse/conformance/index.js";
import type { GitHubClient } from "../gather/github/github-client.js";
import type { SignOffSeal } from "../publish/sign-off-seal.js";
import type { GateCache } from "./gate-cache.js";
import type { LatestHeads } from "./latest-heads.js";
import type { SnapshotCache } from "./snapshot-cache.js";
import type { CallAllowance } from "../llm/call-allowance.js";
import type { ReadingCache } from "../llm/reading-cache.js";
import type { PullFilesCache } from "../gather/github/open-pulls.js";
import type { PullVerdicts } from "./pull-verdicts.js";
import type { PodiumUpdates } from "./podium-updates.js";

/** What a review needs from the running app: one installation's client and the caches reviews share. */
export interface ReviewDeps {
  readonly octokit: GitHubClient;
  readonly log: Logger;
  readonly snapshots: SnapshotCache;
  readonly graphs: GraphCache;
  /** The newest head SHA seen per PR: an older review must not overwrite a newer one's comment. */
  readonly latestHeads: LatestHeads;
  readonly version: string;
  /** Maestro's own bot login (a GitHub call, cached): only its comment is the sticky one. */
  readonly ownLogin: () => Promise<string>;
  /** Seals the sign-offs kept in the sticky comment, and checks the seal when reading them. */
  readonly seal: SignOffSeal;
  readonly onReviewed?: (conclusion: string, seconds: number) => void;
  /** Whether the Maestro check is required on a branch (cached); absent means do not ask. */
  readonly gates?: GateCache;
  /** Pauses before trying the completing write again (tests shorten them). */
  readonly completionRetryDelaysMs?: readonly number[];
  /** The check run created for this job when it was accepted (undefined if that write failed): the review completes it. */
  readonly earlyCheckRun?: Promise<number | undefined>;
  /** Told the id of a newly created check run, so a queue that survives this process can hand it on. */
  readonly onCheckRunStarted?: CheckRunStarted;
  /** The second reader's server, answers and daily allowance, for scores with `llm.enabled`. */
  readonly reader?: ReaderDeps;
  /** The other open PRs' files and verdicts, and the podium; absent, each PR is judged alone. */
  readonly orchestra?: OrchestraDeps;
}

/** What reviews share to judge agents together (SPEC §8): the other PRs' files by head, their verdicts, the podium. */
export interface OrchestraDeps {
  readonly files: PullFilesCache;
  readonly verdicts: PullVerdicts;
  readonly podium: PodiumUpdates;
}

/** What the app's second reader talks to and keeps: shared by every review of this process (and by Redis). */
export interface ReaderDeps {
  /** OPENAI_API_KEY; without one a score with `llm.enabled` gets "second reader unavailable" and says why. */
  readonly apiKey: string | undefined;
  /** OPENAI_BASE_URL: any OpenAI-compatible server. */
  readonly baseURL: string | undefined;
  readonly cache: ReadingCache;
  readonly allowance: CallAllowance;
  /** Servers found not to take `json_schema`. */
  readonly jsonObjectOnly: Set<string>;
}

export type CheckRunStarted = (checkRunId: number) => Promise<void>;
