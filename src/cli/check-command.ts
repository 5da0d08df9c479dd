import { parseArgs } from "node:util";
import { isAbsolute, join, relative, resolve } from "node:path";
import { openGitChange } from "../gather/git/git-change.js";
import { runGit } from "../gather/git/run-git.js";
import { gitCommonDir } from "./git-common-dir.js";
import { newStats } from "../analyse/conformance/index.js";
import { createMemoryCallAllowance } from "../llm/call-allowance.js";
import { createMemoryReadingCache } from "../llm/reading-cache.js";
import { render, FORMATS, type Format } from "../report/render.js";
import type { ReportContext } from "../report/report-context.js";
import type { Authorship } from "../decide/detect-agent.js";
import { reviewChange, type Review } from "../review/review-change.js";
import { formatScoreProblem, type ScoreProblem } from "../score/score-problem.js";
import { maestroVersion } from "../version.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";
import { createDiskGraphCache } from "./disk-graph-cache.js";
import { createDiskScoreCache } from "./disk-score-cache.js";
import { loadScore } from "./load-score.js";

export const CHECK_USAGE = `maestro check [--base REF] [--head REF] [--repo DIR] [--score FILE] [--all] [--format text|json|markdown|sarif]
              [--human] [--author LOGIN] [--branch NAME] [--label LABEL]... [--llm] [--cache-dir DIR]
  Judges the change base..head as an agent PR (base: merge-base with the default branch; head: HEAD).
  --all judges every file at head, with no baseline.
  --human judges it as a human's PR; --author, --branch and --label try the score's agents: matching.
  --llm asks the second reader too, as the score's llm.enabled does (OPENAI_API_KEY, OPENAI_BASE_URL).
  --cache-dir DIR keeps the base commits' import graphs there (default: .git/maestro), for CI to cache.
  Exit 0 on pass (or an advisory verdict on a human PR), 1 on conductor or block, 2 on an invalid
  score or a usage error.`;

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const judged = await judgeCheck(args, io);
  if (judged.kind === "judged") io.stdout(render(judged.review, judged.context, judged.format));
  return judged.exitCode;
}

/** A check judged (with what to render it from), or a score too broken to judge by (its problems already said). */
export type CheckResult =
  | { kind: "judged"; review: Review; context: ReportContext; format: Format; exitCode: number }
  | { kind: "invalid-score"; problems: readonly ScoreProblem[]; exitCode: number };

/**
 * `maestro check` up to its verdict, rendered by the caller: the CLI prints one format, the GitHub Action several.
 * `known` is what a caller read of the author beyond the flags (the Action: the event's account id and type).
 */
export async function judgeCheck(args: string[], io: CliIo, known?: Authorship): Promise<CheckResult> {
  const { values } = parseArgs({
    args,
    options: {
      base: { type: "string" },
      head: { type: "string" },
      repo: { type: "string" },
      score: { type: "string" },
      all: { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      human: { type: "boolean", default: false },
      author: { type: "string" },
      branch: { type: "string" },
      label: { type: "string", multiple: true },
      llm: { type: "boolean", default: false },
      "cache-dir": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${values.format}")`);

  const repoDir = resolve(io.cwd, values.repo ?? ".");
  const scope = values.all ? "all" : "change";
  const change = await openGitChange({
    repoDir,
    head: values.head,
    base: values.base ?? (values.all ? (values.head ?? "HEAD") : undefined),
  });
  const cacheDir = values["cache-dir"];
  const cachePath = cacheDir === undefined ? join(await gitCommonDir(repoDir), "maestro") : resolve(io.cwd, cacheDir);
  // The cache holds the base's graph, which decides what is "already at base": in the work tree, a PR could commit a
  // forged one (a violation of its own recorded as the base's) and pass.
  if (cacheDir !== undefined && (await insideWorkTree(repoDir, cachePath)))
    throw new UsageError(
      `--cache-dir ${cacheDir} is inside the repository's work tree, where a pull request could plant a forged graph: use a folder outside it (in GitHub Actions, \${{ runner.temp }}/maestro-cache)`,
    );
  const cache = createDiskGraphCache(cachePath);
  const scores = createDiskScoreCache(cachePath);
  const side = scope === "all" ? "head" : "base";
  const { parsed, source } = await loadScore(change, side, repoDir, values.score, io.cwd, scores);
  for (const problem of parsed.problems) io.stderr(`${formatScoreProblem(problem)}\n`);
  if (!parsed.ok) {
    io.stderr(`Invalid score: fix the errors above (\`maestro validate\` checks the file alone).\n`);
    return { kind: "invalid-score", problems: parsed.problems, exitCode: EXIT.usage };
  }

  const stats = newStats();
  const asked =
    values.human || values.author !== undefined || values.branch !== undefined || values.label !== undefined;
  const authorship =
    known ?? (asked ? { login: values.author, branch: values.branch, labels: values.label ?? [] } : undefined);
  const score = values.llm ? { ...parsed.score, llm: { ...parsed.score.llm, enabled: true } } : parsed.score;
  // The openai client is loaded only when a model will be asked: a check without the reader does not pay for it.
  const secondReader = score.llm.enabled
    ? (await import("../llm/openai-reader.js")).createOpenAIReader({
        apiKey: io.env.OPENAI_API_KEY,
        baseURL: io.env.OPENAI_BASE_URL,
        cache: createMemoryReadingCache(),
        allowance: createMemoryCallAllowance(),
        commits: { head: change.headSha, base: change.baseSha },
      })
    : undefined;
  const review = await reviewChange({
    score,
    change,
    scope,
    cache,
    stats,
    authorship,
    ...(secondReader ? { secondReader } : {}),
  });
  // What the check cost, for a person tuning CI or reporting a slow run: never part of the verdict.
  if (io.env.MAESTRO_STATS) io.stderr(`maestro stats: ${JSON.stringify(stats)}\n`);
  const { verdict, subject } = review.verdict;
  const context: ReportContext = {
    baseSha: change.baseSha,
    headSha: change.headSha,
    scope,
    maestroVersion: maestroVersion(),
    scoreSource: source,
  };
  const exitCode = verdict === "pass" || subject.policy !== "enforce" ? EXIT.pass : EXIT.flagged;
  return { kind: "judged", review, context, format, exitCode };
}

/** Whether a path lies in the repository's checked-out files (its git folder aside, which no commit can write). */
async function insideWorkTree(repoDir: string, path: string): Promise<boolean> {
  const top = (await runGit(repoDir, ["rev-parse", "--show-toplevel"])).toString("utf8").trim();
  const git = await gitCommonDir(repoDir);
  const within = (dir: string) => {
    const rel = relative(dir, path);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  };
  return within(top) && !within(git);
}
