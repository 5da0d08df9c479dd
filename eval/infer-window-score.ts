import { openGitChange } from "../src/gather/git/git-change.js";
import { inferScore } from "../src/init/infer-score.js";
import { renderStarterScore } from "../src/init/render-starter-score.js";
import { parseScore } from "../src/score/parse-score.js";
import { formatScoreProblem } from "../src/score/score-problem.js";
import type { Score } from "../src/score/score-schema.js";

/**
 * The score `maestro init` writes at a commit: the same inference and starter text, read from the
 * commit itself rather than a work tree, so the repository under evaluation is never written to.
 */
export async function inferWindowScore(repoDir: string, sha: string): Promise<{ score: Score; text: string }> {
  const change = await openGitChange({ repoDir, base: sha, head: sha });
  const text = renderStarterScore(await inferScore(change));
  const parsed = parseScore(text);
  if (!parsed.ok)
    throw new Error(`maestro init wrote an invalid score:\n${parsed.problems.map(formatScoreProblem).join("\n")}`);
  return { score: parsed.score, text };
}
