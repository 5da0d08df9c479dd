import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { createRepo } from "../helpers/git-repo.js";
import { needsProgram } from "../helpers/needs-program.js";
import { GitHubEmulator } from "./github-emulator.js";
import { MaestroServer } from "./maestro-server.js";

/**
 * Two replicas sharing work through BullMQ on a real Redis server. .ci/run installs redis-server;
 * a machine with only Node and git skips this file and says how to install it (never in CI).
 */
const INSTALL = "`sudo apt-get install redis-server` (Debian, Ubuntu) or `brew install redis` (macOS)";
const redisServer = needsProgram("redis-server", INSTALL);
const describeWithRedis = redisServer.skip ? describe.skip : describe;
const title = `two replicas sharing work through Redis${redisServer.skip ? ` (SKIPPED: ${redisServer.reason})` : ""}`;

describeWithRedis(title, () => {
  let redis: ChildProcess;
  let redisPort = 0;
  const replicas = [new MaestroServer(), new MaestroServer()];
  let github: GitHubEmulator;
  let head = "";

  beforeAll(async () => {
    redisPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    let failure: Error | undefined;
    redis.on("error", (e) => (failure = new Error(`redis-server is needed for this test (install it: ${INSTALL}): ${e.message}`)));
    redis.on("exit", (code) => (failure ??= new Error(`redis-server exited (${code}) before it answered on port ${redisPort}`)));
    await untilListening(redisPort, 20_000, () => failure);
    const repo = createRepo();
    repo.write({ ".github/maestro.yml": `version: 1\nmodules:\n  - name: a\n    paths: ["a/**"]\n    may_use: []\n  - name: b\n    paths: ["b/**"]\n`, "a/x.ts": "export const x = 1;\n", "b/y.ts": "export const y = 1;\n" });
    repo.commit("main");
    repo.git("checkout", "-q", "-b", "pr-1");
    repo.write({ "a/x.ts": `import { y } from "../b/y";\nexport const x = y;\n` });
    head = repo.commit("agent");
    repo.git("checkout", "-q", "main");
    github = new GitHubEmulator("acme", "shop", repo.dir);
    github.pulls.set(1, { number: 1, headRef: "pr-1", baseRef: "main", user: "codex[bot]", labels: [], draft: false });
    await github.start();
    for (const replica of replicas) await replica.start(github.port, { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await github?.stop();
    redis?.kill();
  });

  it("a webhook delivered to both replicas is reviewed once, by whichever takes it, and /metrics counts it", async () => {
    const payload = {
      action: "opened",
      number: 1,
      installation: { id: 7 },
      repository: { name: "shop", full_name: "acme/shop", owner: { login: "acme" } },
      pull_request: { number: 1, head: { sha: head } },
    };
    const [first, second] = replicas as [MaestroServer, MaestroServer];
    expect((await first.deliver("pull_request", payload, { delivery: "shared-1" })).status).toBe(200);
    expect((await second.deliver("pull_request", payload, { delivery: "shared-1" })).status).toBe(200);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !github.runsOn(head).some((r) => r.status === "completed")) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000));
    expect(github.runsOn(head)).toEqual([expect.objectContaining({ conclusion: "failure", output: expect.objectContaining({ title: "Blocked — 1 new boundary violation" }) })]);
    const metrics = (await Promise.all(replicas.map((r) => fetch(`http://127.0.0.1:${r.port}/metrics`).then((res) => res.text())))).join("\n");
    expect(metrics).toMatch(/maestro_reviews_total\{conclusion="failure"\} 1/);
    expect(metrics).toMatch(/maestro_webhooks_total\{event="pull_request",outcome="duplicate"\} 1/);
    expect(github.mismatches).toEqual([]);
  }, 60_000);
});

/** Redis is ready once its port takes a connection (on a busy machine that may take seconds), unless it failed to start. */
async function untilListening(port: number, timeoutMs: number, failure: () => Error | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failed = failure();
    if (failed) throw failed;
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => resolve(true)).on("error", () => resolve(false));
      socket.once("connect", () => socket.end());
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
