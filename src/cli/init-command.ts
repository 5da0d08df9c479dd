import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openGitChange } from "../gather/git/git-change.js";
import { snapshotWorkTree } from "../gather/git/snapshot-work-tree.js";
import { inferScore } from "../init/infer-score.js";
import { renderStarterScore } from "../init/render-starter-score.js";
import { reviewChange } from "../review/review-change.js";
import { parseScore, SCORE_PATH } from "../score/parse-score.js";
import { formatScoreProblem } from "../score/score-problem.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";

export const INIT_USAGE = `maestro init [--repo DIR] [--force] [--stdout]
  Writes a starter ${SCORE_PATH} inferred from the repository's folders and today's imports,
  that today's code passes. Never overwrites an existing score without --force.`;

export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      repo: { type: "string" },
      force: { type: "boolean", default: false },
      stdout: { type: "boolean", default: false },
    },
  });
  const repoDir = resolve(io.cwd, values.repo ?? ".");
  const target = join(repoDir, SCORE_PATH);
  const exists = await readFile(target, "utf8").then(
    () => true,
    () => false,
  );
  if (exists && !values.force && !values.stdout)
    throw new UsageError(`${SCORE_PATH} already exists: pass --force to replace it, or --stdout to print a starter`);

  // Today's code is the work tree as it is, committed or not.
  const snapshot = await snapshotWorkTree(repoDir);
  const change = await openGitChange({ repoDir, base: snapshot, head: snapshot });
  const text = renderStarterScore(await inferScore(change));
  const parsed = parseScore(text);
  if (!parsed.ok)
    throw new Error(`maestro init wrote an invalid score:\n${parsed.problems.map(formatScoreProblem).join("\n")}`);
  if (values.stdout) {
    io.stdout(text);
    return EXIT.pass;
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);

  const { verdict } = await reviewChange({ score: parsed.score, change, scope: "all" });
  const blocking = verdict.violations.filter((v) => v.severity === "error").length;
  io.stdout(
    `wrote ${SCORE_PATH}: ${parsed.score.modules.length} modules (${parsed.score.modules.map((m) => m.name).join(", ")}); today's code has ${blocking} blocking violation(s). Next: \`maestro validate\`, then \`maestro check --all\`.\n`,
  );
  return EXIT.pass;
}
