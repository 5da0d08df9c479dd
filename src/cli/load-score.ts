import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Change, Side } from "../gather/change.js";
import { parseScore as parseScoreText, SCORE_PATH, type ParsedScore } from "../score/parse-score.js";
import { shortSha } from "../report/report-context.js";
import { UsageError } from "./cli-io.js";
import type { ScoreCache } from "./disk-score-cache.js";

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
export async function loadScore(
  change: Change,
  side: Side,
  repoDir: string,
  scoreFile: string | undefined,
  cwd: string,
  cache?: ScoreCache,
): Promise<LoadedScore> {
  const parseScore = (text: string, file: string): ParsedScore => {
    const known = cache?.get(text, file);
    if (known) return known;
    const parsed = parseScoreText(text, file);
    void cache?.set(text, file, parsed);
    return parsed;
  };
  if (scoreFile !== undefined) {
    // Relative to where the user stands, like any file argument; an absolute path is taken as it is.
    const path = resolve(cwd, scoreFile);
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read the score file ${scoreFile}: ${readFailure(error)}`);
    });
    const shown = isAbsolute(scoreFile) ? scoreFile : relative(cwd, path) || scoreFile;
    return { parsed: parseScore(text, shown), source: shown };
  }
  const sha = side === "base" ? change.baseSha : change.headSha;
  const committed = (await change.read(side, [SCORE_PATH])).get(SCORE_PATH);
  const committedSource = `${SCORE_PATH}@${shortSha(sha)}`;
  if (committed?.kind === "text") return { parsed: parseScore(committed.text, SCORE_PATH), source: committedSource };
  // A committed score Maestro cannot read is an invalid score, never a reason to judge by another one.
  if (committed?.kind === "binary")
    return { parsed: unreadable("the score is a binary file, not YAML"), source: committedSource };
  if (committed?.kind === "too-large")
    return {
      parsed: unreadable(`the score is ${committed.bytes} bytes, too large to read as YAML`),
      source: committedSource,
    };
  const text = await readFile(join(repoDir, SCORE_PATH), "utf8").catch((error: NodeJS.ErrnoException) => {
    // Only a missing file means "no score here"; one that exists but cannot be read is said.
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw new UsageError(`cannot read the score file ${SCORE_PATH}: ${readFailure(error)}`);
  });
  if (text !== undefined)
    return { parsed: parseScore(text, SCORE_PATH), source: `${SCORE_PATH} (working tree; not in ${shortSha(sha)})` };
  throw new UsageError(
    `no score: ${SCORE_PATH} is neither in ${shortSha(sha)} (${side}) nor in the working tree; run \`maestro init\` to write one, or pass --score FILE`,
  );
}

function unreadable(message: string): ParsedScore {
  return { ok: false, problems: [{ severity: "error", file: SCORE_PATH, line: 1, column: 1, keyPath: "", message }] };
}

function readFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return "no such file";
  if (error.code === "EISDIR") return "it is a folder";
  if (error.code === "EACCES") return "permission denied";
  return error.message;
}
