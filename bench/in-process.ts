import { checkConformance } from "../src/analyse/conformance/check-conformance.js";
import { createMemoryGraphCache } from "../src/analyse/conformance/graph-cache.js";
import { assessRisk } from "../src/analyse/risk/assess-risk.js";
import { openGitChange } from "../src/gather/git/git-change.js";
import { reviewChange } from "../src/review/review-change.js";
import { parseScore, SCORE_PATH } from "../src/score/parse-score.js";
import { medianSeconds } from "./median-seconds.js";

export interface StageTimes {
  readonly conformance: number;
  readonly risk: number;
  readonly verdict: number;
}

/**
 * Median seconds of each stage over `runs`, in this process, with the base graph already cached (as the app holds it).
 */
export async function timeStages(repoDir: string, base: string, head: string, runs = 5): Promise<StageTimes> {
  const change = await openGitChange({ repoDir, base, head });
  const text = (await change.read("base", [SCORE_PATH])).get(SCORE_PATH);
  const parsed = parseScore(text?.kind === "text" ? text.text : "");
  if (!parsed.ok) throw new Error("bench score is invalid");
  const score = parsed.score;
  const cache = createMemoryGraphCache();
  await checkConformance({ score, change, scope: "change", cache });
  // A fresh change each run: what it memoizes (diff, trees) is part of the cost.
  const time = (work: () => Promise<unknown>) => medianSeconds(runs, work);
  const fresh = () => openGitChange({ repoDir, base, head });
  return {
    conformance: await time(async () => checkConformance({ score, change: await fresh(), scope: "change", cache })),
    risk: await time(async () => assessRisk({ score, change: await fresh(), scorePath: SCORE_PATH })),
    verdict: await time(async () => reviewChange({ score, change: await fresh(), scope: "change", cache })),
  };
}
