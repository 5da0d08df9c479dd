import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Probot } from "probot";
import type { JobQueue } from "../src/app/in-process-queue.js";
import { createMaestroApp } from "../src/app/maestro-app.js";
import { createMaestroOctokit } from "../src/app/maestro-octokit.js";
import type { PodiumUpdates } from "../src/app/podium-updates.js";
import type { Job } from "../src/app/review-job.js";
import { GitHubEmulator } from "../test/e2e/github-emulator.js";

export interface ContentionFigures {
  /** Open PRs besides the one under review. */
  readonly others: number;
  /** Requests of one review, contention off and on: the first review of a process, then a second PR's. */
  readonly cold: { readonly off: number; readonly on: number };
  readonly warm: { readonly off: number; readonly on: number };
  /** The podium: reviews delivered in one burst, writes within its first window, and writes once the window ended. */
  readonly podium: {
    readonly reviews: number;
    readonly debounceS: number;
    readonly inWindow: number;
    readonly afterWindow: number;
  };
}

const OTHERS = 50;
const BURST = 5;
const DEBOUNCE_S = 5;
const AGENT = "copilot-swe-agent[bot]";
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

/**
 * What contention costs in requests to GitHub (SPEC: at most 3 more per review for 50 open PRs), and what the podium
 * costs in writes: Maestro's app in this process against the GitHub emulator, on one repository with 51 open agent PRs.
 * The same two reviews run with `contention.enabled: false`, then true, each in a fresh process (no cache) on a fresh
 * emulator (no check run or comment from before): the first review is cold, the second (another PR, whose fellow PRs'
 * heads the first one read) warm. Then a burst of reviews with the podium on.
 */
export async function benchContention(): Promise<ContentionFigures> {
  const dir = mkdtempSync(join(tmpdir(), "maestro-contention-bench-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const commit = (message: string) => {
    git("add", "-A");
    git("-c", "user.name=b", "-c", "user.email=b@localhost", "commit", "-q", "-m", message);
  };
  const score = (contention: boolean, podium = "false") =>
    `version: 1\nmodules:\n  - name: domain\n    paths: ["src/domain/**"]\n    may_use: []\n  - name: app\n    paths: ["src/app/**"]\n    may_use: [domain]\ncontention:\n  enabled: ${contention}\npodium: ${podium}\n`;

  git("init", "-q", "-b", "main");
  write(".github/maestro.yml", score(false));
  for (let i = 0; i < 20; i++) write(`src/domain/d${i}.ts`, `export const d${i} = ${i};\n`);
  for (let i = 0; i < 20; i++)
    write(`src/app/a${i}.ts`, `import { d${i} } from "../domain/d${i}";\nexport const a${i} = d${i};\n`);
  commit("base");
  // Each PR changes an app file of its own and one of ten shared ones: overlap to weigh, as among real agents.
  const numbers = Array.from({ length: OTHERS + 1 }, (_, i) => i + 1);
  const heads = new Map<number, string>();
  for (const n of numbers) {
    git("checkout", "-q", "-b", `pr-${n}`, "main");
    write(
      `src/app/pr${n}.ts`,
      `import { d${n % 20} } from "../domain/d${n % 20}";\nexport const p${n} = d${n % 20};\n`,
    );
    write(`src/app/a${n % 10}.ts`, `export const a${n % 10} = ${n};\n`);
    commit(`pr ${n}`);
    heads.set(n, git("rev-parse", "HEAD"));
    git("checkout", "-q", "main");
  }

  const emulator = async () => {
    const github = new GitHubEmulator("bench", "repo", dir);
    for (const n of numbers)
      github.pulls.set(n, { number: n, headRef: `pr-${n}`, baseRef: "main", user: AGENT, labels: [], draft: false });
    await github.start();
    return github;
  };
  const setScore = (text: string) => {
    write(".github/maestro.yml", text);
    commit("score");
  };

  try {
    const off = await reviewTwice(await emulator(), heads, false);
    setScore(score(true));
    const on = await reviewTwice(await emulator(), heads, true);
    // The podium's writes do not depend on contention: off, the burst ends well inside the window.
    setScore(score(false, `{ enabled: true, debounce_s: ${DEBOUNCE_S} }`));
    const podium = await podiumBurst(await emulator(), heads);
    return {
      others: OTHERS,
      cold: { off: off.cold, on: on.cold },
      warm: { off: off.warm, on: on.warm },
      podium,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One Maestro process on `github`, quiet (a failed review shows in its check run, which the bench reads). */
async function startMaestro(github: GitHubEmulator) {
  let queue: JobQueue<Job> | undefined;
  let podium: PodiumUpdates | undefined;
  const probot = new Probot({
    appId: 1,
    privateKey,
    baseUrl: `http://127.0.0.1:${github.port}/api/v3`,
    // Probot spaces writes a second apart: the bench counts requests, it does not time them.
    Octokit: createMaestroOctokit({ enabled: false }),
    logLevel: "fatal",
  });
  await probot.load(createMaestroApp({ onQueue: (q) => (queue = q), onPodium: (p) => (podium = p) }), {
    addHandler: () => undefined,
    cwd: process.cwd(),
  });
  const opened = (number: number, sha: string) =>
    probot.receive({
      id: `bench-${number}-${Math.random()}`,
      name: "pull_request",
      payload: {
        action: "opened",
        number,
        installation: { id: 1 },
        repository: { name: "repo", full_name: "bench/repo", owner: { login: "bench" } },
        pull_request: { number, head: { sha, ref: `pr-${number}` }, base: { ref: "main" } },
      },
    } as never);
  return {
    opened,
    drain: async () => queue?.drain(),
    podium: () => podium,
  };
}

/** The requests of a review of PR `number`, which must end in a verdict. */
async function countedReview(
  github: GitHubEmulator,
  maestro: Awaited<ReturnType<typeof startMaestro>>,
  number: number,
  sha: string,
  contention: boolean,
) {
  const before = github.requests.length;
  await maestro.opened(number, sha);
  await maestro.drain();
  const run = github.runsOn(sha).at(-1);
  if (!run?.conclusion || /^(Invalid score|No score|Maestro could not|Superseded)/.test(run.output?.title ?? ""))
    throw new Error(`the review of #${number} did not end in a verdict: ${JSON.stringify(run?.output ?? run)}`);
  // Every PR shares a file with others: with contention on, the summary must show them, or nothing was compared.
  if (/Other instruments/.test(run.output?.summary ?? "") !== contention)
    throw new Error(`the review of #${number} ${contention ? "did not weigh" : "weighed"} contention`);
  if (github.mismatches.length > 0) throw new Error(`requests GitHub would refuse: ${github.mismatches.join("; ")}`);
  return github.requests.length - before;
}

/** The newest PR's review (cold), then the next one's (warm), in one fresh process. */
async function reviewTwice(github: GitHubEmulator, heads: ReadonlyMap<number, string>, contention: boolean) {
  try {
    const maestro = await startMaestro(github);
    const newest = heads.size;
    const cold = await countedReview(github, maestro, newest, heads.get(newest) as string, contention);
    const warm = await countedReview(github, maestro, newest - 1, heads.get(newest - 1) as string, contention);
    return { cold, warm };
  } finally {
    await github.stop();
  }
}

/** When the podium issue was written (created, or edited in place), in ms. */
function podiumWrites(github: GitHubEmulator): number[] {
  return github.requests
    .filter(
      (r) =>
        (r.method === "POST" && r.path === "/repos/bench/repo/issues") ||
        (r.method === "PATCH" && /^\/repos\/bench\/repo\/issues\/\d+$/.test(r.path)),
    )
    .map((r) => r.at);
}

/**
 * A burst of reviews, all delivered before any ends, with the podium on: the podium's writes in the window of the
 * first, and after it, until the podium lists every PR of the burst.
 */
async function podiumBurst(github: GitHubEmulator, heads: ReadonlyMap<number, string>) {
  try {
    const maestro = await startMaestro(github);
    const burst = [...heads].slice(0, BURST);
    for (const [number, sha] of burst) await maestro.opened(number, sha);
    await maestro.drain();
    const podium = () => github.issues.filter((i) => i.title === "Maestro podium");
    const lists = (n: number) => (podium()[0]?.body ?? "").includes(`#${n}`);
    const deadline = Date.now() + (DEBOUNCE_S + 15) * 1000;
    while (!burst.every(([n]) => lists(n)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await maestro.podium()?.settled();
    if (podium().length !== 1) throw new Error(`${podium().length} podium issues instead of one`);
    const missing = burst.filter(([n]) => !lists(n)).map(([n]) => `#${n}`);
    if (missing.length > 0) throw new Error(`the podium does not list ${missing.join(", ")}`);
    const writes = podiumWrites(github);
    const first = writes[0] ?? 0;
    const inWindow = writes.filter((at) => at < first + DEBOUNCE_S * 1000).length;
    return { reviews: BURST, debounceS: DEBOUNCE_S, inWindow, afterWindow: writes.length - inWindow };
  } finally {
    await github.stop();
  }
}
