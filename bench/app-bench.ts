import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { GitHubEmulator } from "../test/e2e/github-emulator.js";
import { MaestroServer } from "../test/e2e/maestro-server.js";

export interface AppFigures {
  readonly files: number;
  readonly webhookMs: number;
  readonly inProgressMs: number;
  readonly completedMs: number;
  readonly requests: number;
  readonly conclusion: string;
}

/**
 * The app against the emulator: for PRs of each size, how fast the webhook is answered, how soon
 * the check shows `in_progress`, how long until the verdict, and how many requests it took.
 */
export async function benchApp(sizes: readonly number[]): Promise<AppFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), "maestro-app-bench-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git("init", "-q", "-b", "main");
  write(
    ".github/maestro.yml",
    `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: app\n    paths: ["src/app/**"]\n    may_use: [domain]\n`,
  );
  for (let i = 0; i < 500; i++) write(`src/domain/d${i}.ts`, `export const d${i} = ${i};\n`);
  for (let i = 0; i < 500; i++)
    write(`src/app/a${i}.ts`, `import { d${i} } from "../domain/d${i}";\nexport const a${i} = d${i};\n`);
  const commit = (message: string) =>
    git("-c", "user.name=b", "-c", "user.email=b@localhost", "commit", "-q", "-m", message);
  git("add", "-A");
  commit("base");

  const github = new GitHubEmulator("bench", "repo", dir);
  await github.start();
  const server = new MaestroServer();
  await server.start(github.port);
  const figures: AppFigures[] = [];
  try {
    for (const [n, size] of sizes.entries()) {
      const number = n + 1;
      git("checkout", "-q", "-b", `pr-${number}`, "main");
      for (let i = 0; i < size; i++)
        write(
          `src/app/pr${number}/f${i}.ts`,
          `import { d${i % 500} } from "../../domain/d${i % 500}";\nexport const f${i} = d${i % 500};\n`,
        );
      write(`test/pr${number}.test.ts`, "test('x', () => expect(1).toBe(1));\n");
      git("add", "-A");
      commit(`pr ${number}`);
      const sha = git("rev-parse", "HEAD");
      git("checkout", "-q", "main");
      github.pulls.set(number, {
        number,
        headRef: `pr-${number}`,
        baseRef: "main",
        user: "copilot-swe-agent[bot]",
        labels: [],
        draft: false,
      });
      const before = github.requests.length;
      const sent = Date.now();
      const payload = {
        action: "opened",
        number,
        installation: { id: 1 },
        repository: { name: "repo", full_name: "bench/repo", owner: { login: "bench" } },
        pull_request: { number, head: { sha, ref: `pr-${number}` }, base: { ref: "main" } },
      };
      const answer = await server.deliver("pull_request", payload);
      let completed = 0;
      while (Date.now() - sent < 120_000) {
        const run = github.runsOn(sha)[0];
        if (run?.completed) {
          completed = run.completed;
          // the sticky comment is the last write
          if (github.comments.some((c) => c.issue === number)) break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const run = github.runsOn(sha)[0];
      figures.push({
        files: size,
        webhookMs: answer.ms,
        inProgressMs: (run?.created ?? Number.NaN) - sent,
        completedMs: completed - sent,
        requests: github.requests.length - before,
        conclusion: run?.conclusion ?? "none",
      });
    }
  } finally {
    await server.stop();
    await github.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
