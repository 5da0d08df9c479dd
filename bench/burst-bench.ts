import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { GitHubEmulator } from "../test/e2e/github-emulator.js";
import { MaestroServer } from "../test/e2e/maestro-server.js";
import { redisServerCheck, startRedisServer } from "../test/helpers/redis-server.js";

/** What a burst, a storm and a heavy repository do to the app: the figures issue 13 sets targets for. */
export interface BurstFigures {
  /** ms from the webhook to each PR's `in_progress` check run, in order of arrival of the check runs. */
  readonly burst: readonly number[];
  readonly storm: StormFigures;
  /** The burst and the storm again with two replicas sharing a Redis queue, or why they were not run. */
  readonly redis: { readonly burst: readonly number[]; readonly storm: StormFigures } | { readonly skipped: string };
  readonly memory: {
    readonly tarballMb: number;
    readonly reviews: number;
    readonly idleMb: number;
    readonly peakMb: number;
    readonly afterReviewsMb: number;
    readonly settledMb: number;
    /** RSS 15 s after the last review: the queue has been empty long enough for the app to give memory back. */
    readonly quietMb: number;
  };
}

export interface StormFigures {
  readonly pushes: number;
  /** ms from the last push's webhook to its completed check run. */
  readonly verdictMs: number;
  /** Heads whose content (tarball or file) was fetched, of `pushes`. */
  readonly fetchedHeads: number;
  /** Stale heads whose check run was left in_progress (must be 0). */
  readonly leftInProgress: number;
}

const AGENT = "copilot-swe-agent[bot]";
const SCORE = `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: app\n    paths: ["src/app/**"]\n    may_use: [domain]\n`;

/** A git repository in a temporary folder, with the few operations the bench needs. */
function scratchRepo(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 }).trim();
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const commit = (message: string) => {
    git("add", "-A");
    git("-c", "user.name=b", "-c", "user.email=b@localhost", "commit", "-q", "-m", message);
    return git("rev-parse", "HEAD");
  };
  git("init", "-q", "-b", "main");
  return { dir, git, write, commit };
}

type Repo = ReturnType<typeof scratchRepo>;

/** A branch off main changing `files`, as PR `number` of the emulator. */
function openPull(repo: Repo, github: GitHubEmulator, number: number, files: Record<string, string>): string {
  repo.git("checkout", "-q", "-B", `pr-${number}`, "main");
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  const sha = repo.commit(`pr ${number}`);
  repo.git("checkout", "-q", "main");
  github.pulls.set(number, { number, headRef: `pr-${number}`, baseRef: "main", user: AGENT, labels: [], draft: false });
  return sha;
}

function pullEvent(action: string, number: number, sha: string, updatedAt = new Date().toISOString()) {
  return {
    action,
    number,
    installation: { id: 1 },
    repository: { name: "repo", full_name: "bench/repo", owner: { login: "bench" } },
    pull_request: { number, updated_at: updatedAt, head: { sha, ref: `pr-${number}` }, base: { ref: "main" } },
  };
}

async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * The built server (`npm start`, Probot's one-write-a-second spacing on) against the emulator: 20 PRs opened at once,
 * then 20 pushes to one PR within 2 s, then 10 reviews of a repository whose tarball weighs about 120 MB, with the
 * server's resident memory read from /proc.
 */
export async function benchBursts(options: { readonly heavyMb?: number } = {}): Promise<BurstFigures> {
  const small = scratchRepo("maestro-burst-bench-");
  small.write(".github/maestro.yml", SCORE);
  for (let i = 0; i < 50; i++) small.write(`src/domain/d${i}.ts`, `export const d${i} = ${i};\n`);
  for (let i = 0; i < 50; i++)
    small.write(`src/app/a${i}.ts`, `import { d${i} } from "../domain/d${i}";\nexport const a${i} = d${i};\n`);
  small.commit("base");
  try {
    const burst = await runBurst(small);
    const storm = await runStorm(small);
    const redis = await withRedis(async (env) => ({
      burst: await runBurst(small, env),
      storm: await runStorm(small, env),
    }));
    const memory = await runMemory(options.heavyMb ?? 150);
    return { burst, storm, redis, memory };
  } finally {
    rmSync(small.dir, { recursive: true, force: true });
  }
}

/** `REDIS_URL` for two replicas sharing a queue on a fresh redis-server, or why there is none. */
async function withRedis<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T | { skipped: string }> {
  if (redisServerCheck.skip) return { skipped: redisServerCheck.reason };
  const redis = await startRedisServer();
  try {
    return await work({ REDIS_URL: `redis://127.0.0.1:${redis.port}` });
  } finally {
    redis.stop();
  }
}

/**
 * The built server against a fresh emulator: `work` gets the first replica; with `REDIS_URL` in `env` a second
 * replica shares its queue (`others`).
 */
async function withServer<T>(
  repo: Repo,
  work: (github: GitHubEmulator, server: MaestroServer, others: readonly MaestroServer[]) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const github = new GitHubEmulator("bench", "repo", repo.dir);
  await github.start();
  const servers = Array.from({ length: env.REDIS_URL ? 2 : 1 }, () => new MaestroServer());
  try {
    for (const server of servers) await server.start(github.port, env);
    const [first, ...others] = servers as [MaestroServer, ...MaestroServer[]];
    return await work(github, first, others);
  } finally {
    for (const server of servers) await server.stop();
    await github.stop();
  }
}

/** 20 PRs opened at once: when each one's `in_progress` check run appears. */
async function runBurst(repo: Repo, env: Record<string, string> = {}): Promise<number[]> {
  const PRS = 20;
  return withServer(
    repo,
    async (github, server) => {
      // One review first, so the burst does not time the installation token and Maestro's own login.
      const warm = openPull(repo, github, 100, { "src/app/warm.ts": "export const warm = 1;\n" });
      await server.deliver("pull_request", pullEvent("opened", 100, warm));
      await until(() => github.comments.some((c) => c.issue === 100), 60_000);
      // A quiet installation: the warm-up's last write is more than GitHub's one-second spacing ago.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const heads = Array.from({ length: PRS }, (_, i) =>
        openPull(repo, github, i + 1, {
          [`src/app/burst${i}.ts`]: `import { d1 } from "../domain/d1";\nexport const b = d1;\n`,
        }),
      );
      const sent = Date.now();
      await Promise.all(heads.map((sha, i) => server.deliver("pull_request", pullEvent("opened", i + 1, sha))));
      await until(() => heads.every((sha) => github.runsOn(sha)[0]?.completed !== undefined), 180_000);
      return heads.map((sha) => (github.runsOn(sha)[0]?.created ?? Number.NaN) - sent).sort((a, b) => a - b);
    },
    env,
  );
}

/** 20 pushes to one PR, one every 100 ms: how soon the last is judged, and how many heads were read. */
async function runStorm(repo: Repo, env: Record<string, string> = {}): Promise<StormFigures> {
  const PUSHES = 20;
  return withServer(
    repo,
    async (github, server, others) => {
      const number = 200;
      const first = openPull(repo, github, number, { "src/app/storm.ts": "export const storm = 0;\n" });
      await server.deliver("pull_request", pullEvent("opened", number, first));
      await until(() => github.runsOn(first)[0]?.completed !== undefined, 60_000);
      repo.git("checkout", "-q", `pr-${number}`);
      const heads: string[] = [];
      for (let i = 1; i <= PUSHES; i++) {
        repo.write("src/app/storm.ts", `export const storm = ${i};\n`);
        heads.push(repo.commit(`storm ${i}`));
      }
      repo.git("checkout", "-q", "main");
      const before = github.requests.length;
      let lastPush = 0;
      for (const [i, sha] of heads.entries()) {
        // The branch moves as each push lands, so GitHub's answer for the PR is the head of that moment.
        repo.git("update-ref", `refs/heads/pr-${number}`, sha);
        lastPush = Date.now();
        // With replicas, the pushes' webhooks go to each in turn.
        const to = [server, ...others][i % (others.length + 1)] as MaestroServer;
        void to.deliver("pull_request", pullEvent("synchronize", number, sha, new Date(lastPush + i).toISOString()));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const newest = heads.at(-1) as string;
      await until(() => github.runsOn(newest).some((run) => run.completed !== undefined), 120_000);
      // The stale heads' runs are completed in the write line's turn; give them a moment to be.
      await until(() => heads.every((sha) => github.runsOn(sha).every((run) => run.status === "completed")), 30_000);
      const verdict = github.runsOn(newest).find((run) => run.completed !== undefined);
      const read = github.requests
        .slice(before)
        .filter((r) => r.method === "GET" && (r.path.includes("/tarball/") || r.path.includes("/contents/")));
      const fetchedHeads = heads.filter((sha) => read.some((r) => r.path.includes(sha))).length;
      const leftInProgress = heads.filter((sha) => github.runsOn(sha).some((run) => run.status !== "completed")).length;
      return { pushes: PUSHES, verdictMs: (verdict?.completed ?? Number.NaN) - lastPush, fetchedHeads, leftInProgress };
    },
    env,
  );
}

/** The server's resident memory now, and its peak so far, in MB (Linux's /proc). */
function rssOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { now: field("VmRSS"), peak: field("VmHWM") };
}

/**
 * A repository as heavy as a large monorepo: about a fifth of its tarball sources (which reviews read), the rest
 * assets and fixtures (which they do not). Ten PRs reviewed one after another, each changing two source files.
 */
async function runMemory(heavyMb: number): Promise<BurstFigures["memory"]> {
  const REVIEWS = 10;
  const repo = scratchRepo("maestro-memory-bench-");
  try {
    repo.write(".github/maestro.yml", SCORE);
    const sourceFiles = Math.round((heavyMb * 1024 * 1024 * 0.2) / 6_000);
    for (let i = 0; i < sourceFiles; i++) {
      const module = i % 2 ? "app" : "domain";
      const body = `export const v${i} = ${i};\n${`// ${"x".repeat(70)}\n`.repeat(80)}`;
      repo.write(
        `src/${module}/m${i % 40}/f${i}.ts`,
        module === "app" ? `import { v0 } from "../../domain/m0/f0";\n${body}` : body,
      );
    }
    // Incompressible, as images and archives are: they make the tarball's weight.
    for (let i = 0; i < Math.round(heavyMb * 0.8); i++) repo.write(`assets/blob${i}.bin`, randomBytes(1024 * 1024));
    repo.commit("base");
    const tarballMb =
      execFileSync("git", ["archive", "--format=tar.gz", "HEAD"], { cwd: repo.dir, maxBuffer: 2 ** 31 }).length /
      1024 /
      1024;
    return await withServer(repo, async (github, server) => {
      const pid = (server as unknown as { child: { pid: number } }).child.pid;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const idle = rssOf(pid).now;
      const heads = Array.from({ length: REVIEWS }, (_, i) =>
        openPull(repo, github, i + 1, {
          [`src/app/m${i}/changed${i}.ts`]: `import { v0 } from "../../domain/m0/f0";\nexport const c${i} = v0;\n`,
          [`src/domain/m${i}/f${i * 2}.ts`]: `export const v${i * 2} = -1;\n`,
        }),
      );
      for (const [i, sha] of heads.entries()) {
        await server.deliver("pull_request", pullEvent("opened", i + 1, sha));
        await until(() => github.comments.some((c) => c.issue === i + 1), 300_000);
      }
      const after = rssOf(pid);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const settled = rssOf(pid).now;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const quiet = rssOf(pid).now;
      return {
        tarballMb,
        reviews: REVIEWS,
        idleMb: idle,
        peakMb: after.peak,
        afterReviewsMb: after.now,
        settledMb: settled,
        quietMb: quiet,
      };
    });
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}
