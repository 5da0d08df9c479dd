import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SCORE_PATH, parseScore } from "../score/parse-score.js";
import { formatScoreProblem } from "../score/score-problem.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";

export const VALIDATE_USAGE = `maestro validate [FILE]
  Checks a score file (default: ${SCORE_PATH}). Exit 0 when valid, 2 when not.`;

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length > 1) throw new UsageError(`validate takes one file, got ${positionals.length}`);
  const file = positionals[0] ?? SCORE_PATH;
  const text = await readFile(resolve(io.cwd, file), "utf8").catch(() => {
    throw new UsageError(
      `cannot read ${file}${file === SCORE_PATH ? ": run `maestro init` to write a starter score" : ""}`,
    );
  });
  const parsed = parseScore(text, file);
  for (const problem of parsed.problems) io.stderr(`${formatScoreProblem(problem)}\n`);
  if (!parsed.ok) {
    io.stderr(`${file}: invalid score (${parsed.problems.filter((p) => p.severity === "error").length} error(s))\n`);
    return EXIT.usage;
  }
  io.stdout(`${file}: valid score (${parsed.score.modules.length} modules)\n`);
  return EXIT.pass;
}
