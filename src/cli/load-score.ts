import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Change, Side } from "../gather/change.js";
import { parseScore, SCORE_PATH, type ParsedScore } from "../score/parse-score.js";
import { shortSha } from "../report/report-context.js";
import { UsageError } from "./cli-io.js";

export interface LoadedScore {
  readonly parsed: ParsedScore;
  /** Where it was read, for the report's provenance line. */
  readonly source: string;
}

/**
 * The score a CLI check is judged by: `--score FILE` when given; otherwise the committed
 * `.github/maestro.yml` at base (as the app reads it), or at head for `--all`; and when that commit
 * has none, the working tree's copy, so a new score can be tried before it is committed.
 */
export async function loadScore(change: Change, side: Side, repoDir: string, scoreFile: string | undefined, cwd: string): Promise<LoadedScore> {
  if (scoreFile !== undefined) {
    const path = join(cwd, scoreFile);
    const text = await readFile(path, "utf8").catch(() => {
      throw new UsageError(`cannot read the score file ${scoreFile}`);
    });
    const shown = relative(cwd, path) || scoreFile;
    return { parsed: parseScore(text, shown), source: shown };
  }
  const sha = side === "base" ? change.baseSha : change.headSha;
  const committed = (await change.read(side, [SCORE_PATH])).get(SCORE_PATH);
  if (committed?.kind === "text") return { parsed: parseScore(committed.text, SCORE_PATH), source: `${SCORE_PATH}@${shortSha(sha)}` };
  const text = await readFile(join(repoDir, SCORE_PATH), "utf8").catch(() => undefined);
  if (text !== undefined) return { parsed: parseScore(text, SCORE_PATH), source: `${SCORE_PATH} (working tree; not in ${shortSha(sha)})` };
  throw new UsageError(`no score: ${SCORE_PATH} is neither in ${shortSha(sha)} (${side}) nor in the working tree; run \`maestro init\` to write one, or pass --score FILE`);
}
