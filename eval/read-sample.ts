import type { GraphCache } from "../src/analyse/conformance/index.js";
import type { SecondReading } from "../src/analyse/reader/index.js";
import { openGitChange } from "../src/gather/git/git-change.js";
import { createMemoryCallAllowance } from "../src/llm/call-allowance.js";
import { createOpenAIReader } from "../src/llm/openai-reader.js";
import { createMemoryReadingCache } from "../src/llm/reading-cache.js";
import { reviewChange } from "../src/review/review-change.js";
import type { Score } from "../src/score/score-schema.js";
import type { SampledCommit } from "./judged-commit.js";

/** One sampled commit read by the rules, then by the rules and the second reader. */
export interface ReadCommit extends SampledCommit {
  /** The rules' risk alone: every signal but the reader's, capped at 100. */
  readonly rulesRisk: number;
  /** The risk with the reader's verified findings added. */
  readonly risk: number;
  readonly reading: SecondReading | undefined;
}

export interface ReadSampleInput {
  readonly repoDir: string;
  readonly commits: readonly SampledCommit[];
  /** The score the risk evaluation judged under; the reader is turned on in it. */
  readonly score: Score;
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly cache?: GraphCache;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the second reader, through Maestro's real pipeline and OpenAI adapter, on each commit of a risk evaluation's
 * sample: the same change, score and rules, so that the only difference between `rulesRisk` and `risk` is what the
 * reader found and Maestro verified. A commit that cannot be opened is left out, and said in `failed`.
 */
export async function readSample(input: ReadSampleInput): Promise<{ read: ReadCommit[]; failed: string[] }> {
  const score: Score = { ...input.score, llm: { ...input.score.llm, enabled: true, when: "always" } };
  const read: ReadCommit[] = [];
  const failed: string[] = [];
  for (const [i, commit] of input.commits.entries()) {
    try {
      const change = await openGitChange({ repoDir: input.repoDir, base: `${commit.sha}^1`, head: commit.sha });
      const secondReader = createOpenAIReader({
        apiKey: input.apiKey,
        baseURL: input.baseURL,
        cache: createMemoryReadingCache(),
        allowance: createMemoryCallAllowance(),
        commits: { head: change.headSha, base: change.baseSha },
      });
      const { verdict } = await reviewChange({
        score,
        change,
        scope: "change",
        ...(input.cache ? { cache: input.cache } : {}),
        secondReader,
      });
      const rules = verdict.risk.signals.filter((s) => s.id !== "llm").reduce((sum, s) => sum + s.points, 0);
      read.push({
        ...commit,
        rulesRisk: Math.min(100, rules),
        risk: verdict.risk.score,
        reading: verdict.secondReader,
      });
    } catch (error) {
      failed.push(`${commit.sha.slice(0, 10)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    input.onProgress?.(i + 1, input.commits.length);
  }
  return { read, failed };
}
