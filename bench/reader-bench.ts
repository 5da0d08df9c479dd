import { createMemoryGraphCache } from "../src/analyse/conformance/index.js";
import { openGitChange } from "../src/gather/git/git-change.js";
import { createMemoryCallAllowance } from "../src/llm/call-allowance.js";
import { createOpenAIReader } from "../src/llm/openai-reader.js";
import { createMemoryReadingCache, type ReadingCache } from "../src/llm/reading-cache.js";
import { reviewChange } from "../src/review/review-change.js";
import { parseScore, SCORE_PATH } from "../src/score/parse-score.js";
import { startInstantModel } from "./instant-model.js";
import { medianSeconds } from "./median-seconds.js";

export interface ReaderTimes {
  /** Median seconds of a whole verdict with the reader off. */
  readonly off: number;
  /** The same with the reader asked each time (a cold cache), against a server that answers at once. */
  readonly cold: number;
  /** The same with the answer cached: a re-review of the same commit. */
  readonly warm: number;
  readonly coldRequests: number;
  readonly warmRequests: number;
}

/** The second reader's cost to a review of the change base..head, the model's own time left out. */
export async function timeReader(repoDir: string, base: string, head: string, runs = 5): Promise<ReaderTimes> {
  const model = await startInstantModel();
  try {
    const first = await openGitChange({ repoDir, base, head });
    const text = (await first.read("base", [SCORE_PATH])).get(SCORE_PATH);
    const parsed = parseScore(text?.kind === "text" ? text.text : "");
    if (!parsed.ok) throw new Error("bench score is invalid");
    const off = parsed.score;
    const on = { ...off, llm: { ...off.llm, enabled: true } };
    const graphs = createMemoryGraphCache();
    const review = async (reading: "off" | ReadingCache) => {
      const change = await openGitChange({ repoDir, base, head });
      const secondReader =
        reading === "off"
          ? undefined
          : createOpenAIReader({
              apiKey: "bench",
              baseURL: model.baseURL,
              cache: reading,
              allowance: createMemoryCallAllowance(),
              commits: { head: change.headSha, base: change.baseSha },
            });
      await reviewChange({
        score: reading === "off" ? off : on,
        change,
        scope: "change",
        cache: graphs,
        ...(secondReader ? { secondReader } : {}),
      });
    };
    const warmCache = createMemoryReadingCache();
    // Each path once before timing, so that loading code and the base graph counts in none of them.
    await review("off");
    await review(warmCache);
    const time = (work: () => Promise<void>) => medianSeconds(runs, work);
    const offTime = await time(() => review("off"));
    const before = model.requests();
    const cold = await time(() => review(createMemoryReadingCache()));
    const coldRequests = model.requests() - before;
    const warmBefore = model.requests();
    const warm = await time(() => review(warmCache));
    return { off: offTime, cold, warm, coldRequests, warmRequests: model.requests() - warmBefore };
  } finally {
    await model.close();
  }
}
