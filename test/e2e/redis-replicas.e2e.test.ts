import { createRepo } from "../helpers/git-repo.js";
import { redisServerCheck, startRedisServer } from "../helpers/redis-server.js";
import { GitHubEmulator } from "./github-emulator.js";
import { MaestroServer } from "./maestro-server.js";
import { waitFor } from "./wait-for.js";

/**
 * Two replicas sharing work through BullMQ on a real Redis server. .ci/run installs redis-server;
 * a machine with only Node and git skips this file and says how to install it (never in CI).
 */
const redisServer = redisServerCheck;
const describeWithRedis = redisServer.skip ? describe.skip : describe;
const title = `two replicas sharing work through Redis${redisServer.skip ? ` (SKIPPED: ${redisServer.reason})` : ""}`;

describeWithRedis(title, () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  let redisPort = 0;
  const replicas = [new MaestroServer(), new MaestroServer()];
  let github: GitHubEmulator;
  let head = "";

  beforeAll(async () => {
    redis = await startRedisServer();
    redisPort = redis.port;
    const repo = createRepo();
    repo.write({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: a\n    paths: ["a/**"]\n    may_use: []\n  - name: b\n    paths: ["b/**"]\n`,
      "a/x.ts": "export const x = 1;\n",
      "b/y.ts": "export const y = 1;\n",
    });
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
    redis?.stop();
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
    const logs = () => replicas.map((r) => r.output).join("\n");
    // One replica queued the delivery and the other counted it a duplicate, and one review completed:
    // a second queued job would show as a second "queued" webhook, never as a "duplicate".
    const counted = await waitFor(
      async () => {
        const text = (
          await Promise.all(replicas.map((r) => fetch(`http://127.0.0.1:${r.port}/metrics`).then((res) => res.text())))
        ).join("\n");
        const counts = {
          queued: sum(text, /maestro_webhooks_total\{event="pull_request",outcome="queued"\} (\d+)/g),
          duplicate: sum(text, /maestro_webhooks_total\{event="pull_request",outcome="duplicate"\} (\d+)/g),
          reviews: sum(text, /maestro_reviews_total\{conclusion="\w+"\} (\d+)/g),
        };
        return counts.reviews > 0 ? counts : undefined;
      },
      { what: "a completed review counted in /metrics", detail: logs },
    );
    expect(counted).toEqual({ queued: 1, duplicate: 1, reviews: 1 });
    expect(github.runsOn(head)).toEqual([
      expect.objectContaining({
        conclusion: "failure",
        output: expect.objectContaining({ title: "Blocked — 1 new boundary violation" }),
      }),
    ]);
    expect(github.mismatches).toEqual([]);
  }, 60_000);
});

/** The sum of a counter's values across the replicas' /metrics texts. */
function sum(text: string, counter: RegExp): number {
  return [...text.matchAll(counter)].reduce((total, m) => total + Number(m[1]), 0);
}
