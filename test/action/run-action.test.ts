import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Log } from "sarif";
import { runAction } from "../../src/action/run-action.js";
import { LAYERED_SCORE, layeredRepo, type TestRepo } from "../helpers/git-repo.js";
import { recordedPayload } from "../helpers/github-fixture.js";

/**
 * The Action's entry point run as the runner runs it: a real `pull_request` payload rewritten to a fixture
 * repository's commits and author at GITHUB_EVENT_PATH, the job summary and output files in a temp folder, the inputs
 * as INPUT_* variables; what lands in each file, on stdout and in the exit code is what a workflow sees.
 */

interface Pr {
  readonly base: string;
  readonly head: string;
  readonly login?: string;
  readonly id?: number;
  readonly type?: string;
  readonly branch?: string;
  readonly labels?: string[];
}

interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  readonly runnerTemp: string;
}

async function runAsRunner(repo: TestRepo, pr: Pr, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const runner = mkdtempSync(join(tmpdir(), "maestro-runner-"));
  const payload = recordedPayload("pull_request", "opened", (p) => {
    const pull = p.pull_request as Record<string, Record<string, unknown>>;
    pull.base = { ...pull.base, sha: pr.base };
    pull.head = { ...pull.head, sha: pr.head, ref: pr.branch ?? "agent/change" };
    pull.user = {
      ...pull.user,
      login: pr.login ?? "copilot-swe-agent[bot]",
      id: pr.id ?? 198982749,
      type: pr.type ?? "Bot",
    };
    (pull as Record<string, unknown>).labels = (pr.labels ?? []).map((name, i) => ({ id: i + 1, name }));
  });
  const eventPath = join(runner, "event.json");
  writeFileSync(eventPath, JSON.stringify(payload));
  const summaryPath = join(runner, "step_summary");
  const outputPath = join(runner, "output");
  writeFileSync(summaryPath, "");
  writeFileSync(outputPath, "");
  let stdout = "";
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_WORKSPACE: repo.dir,
    RUNNER_TEMP: runner,
    // As the runner names them: `fail-on` is INPUT_FAIL-ON.
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  const code = await runAction({
    cwd: repo.dir,
    env,
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    readFile: (path) => readFile(path, "utf8"),
    appendFile: (path, text) => appendFile(path, text),
    writeFile: async (path, text) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    },
  });
  return {
    code,
    stdout,
    summary: readFileSync(summaryPath, "utf8"),
    outputs: parseOutputs(readFileSync(outputPath, "utf8")),
    runnerTemp: runner,
  };
}

/** `$GITHUB_OUTPUT` as the runner reads it: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      if (end < 0) throw new Error(`output ${heredoc[1]} is never closed by ${heredoc[2]}`);
      outputs[heredoc[1] as string] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    else if (line !== "") throw new Error(`not an output line: ${line}`);
  }
  return outputs;
}

const annotations = (stdout: string, kind: string) => stdout.split("\n").filter((l) => l.startsWith(`::${kind} `));

/** The layered repository with its base on `main` and a head on `agent/change` the test writes. */
function pullRequest(head: Record<string, string>, extra: Record<string, string> = {}) {
  const repo = layeredRepo(extra);
  const base = repo.git("rev-parse", "main");
  repo.write(head);
  return { repo, base, head: repo.commit("head") };
}

/** One blocking violation: the domain may not use `pg` (its forbid_packages). */
const DOMAIN_IMPORTS_PG = {
  "src/domain/rules.ts": `export const MAX = 3;\nimport { Pool } from "pg";\nexport const pool = new Pool();\n`,
};

describe("the GitHub Action, run as the runner runs it", () => {
  it("a PR importing a package its module forbids is blocked: exit 1, an error annotation at its line and column, the report in the job summary, verdict and risk as outputs", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const run = await runAsRunner(repo, { base, head });

    expect(run.code).toBe(1);
    expect(annotations(run.stdout, "error")).toEqual([
      '::error file=src/domain/rules.ts,line=2,col=22,title=Maestro forbidden-package::package "pg" is forbidden in domain (forbid_packages: "pg")',
    ]);
    expect(run.summary).toContain("## ⛔ Maestro: blocked");
    expect(run.summary).toContain("src/domain/rules.ts");
    expect(run.outputs.verdict).toBe("block");
    expect(run.summary).toContain(`### Risk: ${run.outputs.risk}/100`);
    // The log carries the report in the default format, text.
    expect(run.stdout).toMatch(/^✖ Maestro: blocked/m);
  });

  it("a clean PR passes: exit 0, no error annotation, verdict pass", async () => {
    const { repo, base, head } = pullRequest({
      "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load();\nexport const again = run;\n`,
    });
    const run = await runAsRunner(repo, { base, head });

    expect(run.outputs.verdict).toBe("pass");
    expect(annotations(run.stdout, "error")).toEqual([]);
    expect(run.summary).toContain("## ✅ Maestro: pass");
    expect(run.code).toBe(0);
  });

  it("writes the SARIF file whose path is the `sarif` output, valid JSON holding the violation", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const run = await runAsRunner(repo, { base, head });

    expect(run.outputs.sarif).toBe(join(run.runnerTemp, "maestro.sarif"));
    const sarif = JSON.parse(readFileSync(run.outputs.sarif as string, "utf8")) as Log;
    expect(sarif.version).toBe("2.1.0");
    expect(
      sarif.runs[0]?.results?.map((r) => [r.ruleId, r.locations?.[0]?.physicalLocation?.artifactLocation?.uri]),
    ).toEqual([["forbidden-package", "src/domain/rules.ts"]]);
  });

  it("a conductor verdict fails the step under fail-on conductor (the default) and passes it with a warning under fail-on block", async () => {
    const { repo, base, head } = pullRequest({ ".github/maestro.yml": `${LAYERED_SCORE}# tightened later\n` });

    const strict = await runAsRunner(repo, { base, head });
    expect(strict.outputs.verdict).toBe("conductor");
    expect(strict.code).toBe(1);

    const lenient = await runAsRunner(repo, { base, head }, { "fail-on": "block" });
    expect(lenient.outputs.verdict).toBe("conductor");
    expect(annotations(lenient.stdout, "warning")).toContainEqual(
      expect.stringMatching(/^::warning title=Maestro%3A a conductor must sign off::.*fail-on is block/),
    );
    expect(lenient.code).toBe(0);
  });

  it("fail-on block still fails the step on a block verdict", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const run = await runAsRunner(repo, { base, head }, { "fail-on": "block" });
    expect(run.outputs.verdict).toBe("block");
    expect(run.code).toBe(1);
  });

  it("a human's PR under human_prs: advise is judged, reported, and does not fail the step", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const run = await runAsRunner(repo, {
      base,
      head,
      login: "Codertocat",
      id: 21031067,
      type: "User",
      branch: "changes",
    });

    expect(run.outputs.verdict).toBe("block");
    expect(run.summary).toContain("## ⛔ Maestro: blocked");
    expect(run.code).toBe(0);
  });

  it("the same human PR labelled ai-generated is an agent's, by the score's agents.labels, and fails the step", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const run = await runAsRunner(repo, {
      base,
      head,
      login: "Codertocat",
      type: "User",
      branch: "changes",
      labels: ["ai-generated"],
    });
    expect(run.code).toBe(1);
  });

  it("a bot account named by id in agents.apps is an agent's PR, though its login matches nothing (the payload's user.id and type)", async () => {
    const score = LAYERED_SCORE.replace(
      "modules:",
      "agents:\n  logins: []\n  branches: []\n  labels: []\n  apps: [4242]\nmodules:",
    );
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG, { ".github/maestro.yml": score });
    const run = await runAsRunner(repo, { base, head, login: "renamed[bot]", id: 4242, type: "Bot", branch: "x" });
    expect(run.code).toBe(1);
  });

  it("past ten errors, a notice says how many more are in the summary (GitHub shows ten per step)", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 13 }, (_, i) => [
        `src/domain/f${i}.ts`,
        `import { Pool } from "pg";\nexport const f${i} = Pool;\n`,
      ]),
    );
    const { repo, base, head } = pullRequest(files);
    const run = await runAsRunner(repo, { base, head });

    expect(annotations(run.stdout, "error")).toHaveLength(10);
    expect(annotations(run.stdout, "notice")).toContainEqual(
      "::notice title=Maestro::3 more errors than GitHub shows here: the job summary and the SARIF file list them all.",
    );
    expect(run.summary).toContain("src/domain/f12.ts");
    expect(run.code).toBe(1);
  });

  it("an invalid score exits 2 with the problem annotated on the score and said in the summary, and no verdict", async () => {
    const repo = layeredRepo({
      ".github/maestro.yml": LAYERED_SCORE.replace("may_use: [domain]\n", "may_use: [domian]\n"),
    });
    const base = repo.git("rev-parse", "main");
    repo.write(DOMAIN_IMPORTS_PG);
    const head = repo.commit("head");
    const run = await runAsRunner(repo, { base, head });

    expect(run.code).toBe(2);
    expect(run.summary).toContain("## ⛔ Maestro: the score is invalid");
    expect(run.summary).toContain("domian");
    expect(annotations(run.stdout, "error")).toContainEqual(
      expect.stringMatching(/^::error file=\.github\/maestro\.yml,line=\d+,col=\d+,title=Invalid score::.*domian/),
    );
    expect(run.outputs.verdict).toBeUndefined();
  });

  it("a base commit the clone does not hold exits 2 and says to fetch with fetch-depth: 0", async () => {
    const { repo, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const run = await runAsRunner(repo, { base: missing, head });

    expect(run.code).toBe(2);
    expect(run.summary).toContain("## ⛔ Maestro could not run");
    expect(run.summary).toContain(`base commit ${missing} is not in this clone`);
    expect(run.summary).toContain("fetch-depth: 0");
    expect(annotations(run.stdout, "error")).toEqual([
      expect.stringMatching(/^::error title=Maestro could not run::the PR's base commit 0123456789abcdef/),
    ]);
  });

  it("the second reader is not asked by default, and is with the llm input on", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);

    const plain = await runAsRunner(repo, { base, head });
    expect(plain.summary).not.toContain("### Second reader");

    // No key and a server that is not there: the reading is unavailable, and the summary says so.
    const asked = await runAsRunner(repo, { base, head }, { llm: "true", "openai-base-url": "http://127.0.0.1:9/v1" });
    expect(asked.summary).toContain("### Second reader");
  });

  it("keeps the base commit's import graph in cache-dir, the folder actions/cache restores", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const cache = join(mkdtempSync(join(tmpdir(), "maestro-cache-")), "graphs");
    await runAsRunner(repo, { base, head }, { "cache-dir": cache });
    expect(readdirSync(cache).length).toBeGreaterThan(0);
  });

  it("the log carries the report in the format asked for", async () => {
    const { repo, base, head } = pullRequest(DOMAIN_IMPORTS_PG);
    const run = await runAsRunner(repo, { base, head }, { format: "json" });
    const block = /^::stop-commands::(\S+)\n([\s\S]*?)\n::\1::$/m.exec(run.stdout);
    const json = block?.[2] ?? "";
    expect((JSON.parse(json) as { verdict: string }).verdict).toBe("block");
  });

  it("regression: a path or import in the change that starts a line with `::` stays text in the log, never a workflow command", async () => {
    const hostile = "::error file=README.md,line=1::forged";
    const { repo, base, head } = pullRequest({
      "src/domain/rules.ts": `export const MAX = 3;\nimport x from "./nowhere\\n${hostile}";\nimport { Pool } from "pg";\n`,
    });
    const run = await runAsRunner(repo, { base, head }, { format: "text" });
    const block = /^::stop-commands::(\S+)\n([\s\S]*?)\n::\1::$/m.exec(run.stdout);
    expect(block?.[2]).toContain(hostile);
    // Outside the stopped block, only Maestro's own commands: the forged one never reaches the runner as a command.
    const outside = run.stdout.replace(block?.[0] ?? "", "");
    expect(outside).not.toContain("forged");
  });
});
