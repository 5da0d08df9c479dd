import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { judgeCheck } from "../cli/check-command.js";
import { EXIT, UsageError, type CliIo } from "../cli/cli-io.js";
import { GitError } from "../gather/git/run-git.js";
import { cell, codeSpan } from "../report/markdown-text.js";
import { render } from "../report/render.js";
import { formatScoreProblem, type ScoreProblem } from "../score/score-problem.js";
import { actionInputs, type ActionInputs } from "./action-inputs.js";
import { annotationCommands } from "./annotation-commands.js";
import { pullRequestBase } from "./pull-request-base.js";
import { pullRequestEvent } from "./pull-request-event.js";
import { stepOutput } from "./step-output.js";
import { workflowCommand } from "./workflow-command.js";

/** What the Action may touch of the runner: its environment, the files it names, the log. Tests pass their own. */
export interface ActionIo extends CliIo {
  readFile(path: string): Promise<string>;
  appendFile(path: string, text: string): Promise<void>;
  /** Writes the file whole, making its folder if needed. */
  writeFile(path: string, text: string): Promise<void>;
}

/**
 * The GitHub Action: `maestro check` on the PR of the workflow's event, its base...head, the author judged by the
 * score's `agents:` as the App judges it. The report goes to the log (`format`), the job summary (Markdown) and a
 * SARIF file; violations become annotations; `verdict`, `risk` and `sarif` become step outputs. The exit code is the
 * CLI's (0 pass, 1 conductor or block, 2 an invalid score or a run that could not judge), with `fail-on: block`
 * letting a conductor verdict pass with a warning.
 */
export async function runAction(io: ActionIo): Promise<number> {
  try {
    return await judgePullRequest(io, actionInputs(io.env));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof GitError)) throw error;
    io.stdout(workflowCommand("error", { title: "Maestro could not run" }, error.message));
    await summary(io, `## ⛔ Maestro could not run\n\n${cell(error.message)}\n\nNo verdict was given.\n`);
    return EXIT.usage;
  }
}

async function judgePullRequest(io: ActionIo, inputs: ActionInputs): Promise<number> {
  const eventPath = io.env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new UsageError("GITHUB_EVENT_PATH is not set: the Action runs in a GitHub Actions job");
  const event = pullRequestEvent(await io.readFile(eventPath), io.env.GITHUB_EVENT_NAME);
  const base = await pullRequestBase(io.cwd, event);
  const args = [
    ...["--base", base, "--head", event.headSha, "--format", inputs.format],
    ...(inputs.score ? ["--score", inputs.score] : []),
    ...(inputs.cacheDir ? ["--cache-dir", inputs.cacheDir] : []),
    ...(inputs.llm ? ["--llm"] : []),
  ];
  const env = {
    ...io.env,
    ...(inputs.openaiApiKey ? { OPENAI_API_KEY: inputs.openaiApiKey } : {}),
    ...(inputs.openaiBaseUrl ? { OPENAI_BASE_URL: inputs.openaiBaseUrl } : {}),
  };
  const result = await judgeCheck(args, { ...io, env }, event.authorship);
  if (result.kind === "invalid-score") {
    await invalidScore(io, result.problems);
    return result.exitCode;
  }

  const { review, context } = result;
  // The report quotes the change (paths, import specifiers, messages): a line of it starting with `::` would be a
  // workflow command. The runner ignores commands between these markers, whose token the change cannot know.
  const token = randomUUID();
  io.stdout(`::stop-commands::${token}\n${render(review, context, inputs.format)}\n::${token}::\n`);
  for (const line of annotationCommands(review.verdict)) io.stdout(line);
  await summary(io, render(review, context, "markdown"));
  const sarif = resolve(io.cwd, inputs.sarifFile ?? join(io.env.RUNNER_TEMP ?? tmpdir(), "maestro.sarif"));
  await io.writeFile(sarif, render(review, context, "sarif"));
  const { verdict, risk } = review.verdict;
  await outputs(io, { verdict, risk: String(risk.score), sarif });
  if (verdict === "conductor" && result.exitCode === EXIT.flagged && inputs.failOn === "block") {
    io.stdout(
      workflowCommand(
        "warning",
        { title: "Maestro: a conductor must sign off" },
        "The verdict is conductor: a person should review this PR before it merges. The step passes because fail-on is block.",
      ),
    );
    return EXIT.pass;
  }
  return result.exitCode;
}

/** A score with errors gives no verdict: each problem is annotated on the score and listed in the summary. */
async function invalidScore(io: ActionIo, problems: readonly ScoreProblem[]): Promise<void> {
  for (const p of problems)
    io.stdout(
      workflowCommand(
        p.severity === "error" ? "error" : "warning",
        {
          file: p.file,
          line: p.line,
          col: p.column,
          title: p.severity === "error" ? "Invalid score" : "Score warning",
        },
        `${p.keyPath ? `${p.keyPath}: ` : ""}${p.message}`,
      ),
    );
  const list = problems.map((p) => `- ${codeSpan(formatScoreProblem(p))}`).join("\n");
  await summary(
    io,
    `## ⛔ Maestro: the score is invalid\n\nNo verdict was given: fix these errors (\`maestro validate\` checks the file alone).\n\n${list}\n`,
  );
}

async function summary(io: ActionIo, markdown: string): Promise<void> {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (path) await io.appendFile(path, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}

async function outputs(io: ActionIo, values: Readonly<Record<string, string>>): Promise<void> {
  const path = io.env.GITHUB_OUTPUT;
  if (path)
    await io.appendFile(
      path,
      Object.entries(values)
        .map(([name, value]) => stepOutput(name, value))
        .join(""),
    );
}
