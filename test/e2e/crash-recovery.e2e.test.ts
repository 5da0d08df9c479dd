import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { recordedPayload } from "../helpers/github-fixture.js";
import { GitHubEmulator } from "./github-emulator.js";
import { MaestroServer } from "./maestro-server.js";
import { waitFor } from "./wait-for.js";
import { DOMAIN_INFRA_SCORE } from "../fixtures/scores.js";

/**
 * A review cut short: the real server killed (SIGKILL, as the out-of-memory killer does) or
 * stopped (SIGTERM, as a deploy does) while GitHub holds its tarball requests. The check run a
 * user sees must still end with the verdict a normal review gives, on the same run.
 */
const OWNER = "acme";
const REPO = "shop";
const INSTALLATION = 99;
const VIOLATION = { "src/domain/order.ts": `import { db } from "../infra/db";\nexport const order = db;\n` };
const BLOCKED = {
  name: "Maestro",
  status: "completed",
  conclusion: "failure",
  output: expect.objectContaining({ title: "Blocked — 1 new boundary violation" }),
};

let repo: TestRepo;
let github: GitHubEmulator;
const servers: MaestroServer[] = [];
let nextPull = 1;

beforeAll(async () => {
  repo = createRepo();
  repo.write({
    ".github/maestro.yml": DOMAIN_INFRA_SCORE,
    "src/domain/order.ts": "export const order = 1;\n",
    "src/infra/db.ts": `import { order } from "../domain/order";\nexport const db = order;\n`,
  });
  repo.commit("main");
  github = new GitHubEmulator(OWNER, REPO, repo.dir);
  github.installationId = INSTALLATION;
  await github.start();
}, 60_000);

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

afterAll(async () => {
  await github?.stop();
});

async function startMaestro(env: Record<string, string> = {}): Promise<MaestroServer> {
  const server = new MaestroServer();
  servers.push(server);
  // The harness turns the reconciler off; here it runs as in production unless a test says otherwise.
  await server.start(github.port, { MAESTRO_RECONCILE_INTERVAL_SECONDS: "300", ...env });
  return server;
}

function openPullRequest(files: Record<string, string>) {
  const number = nextPull++;
  const branch = `pr-${number}`;
  repo.git("checkout", "-q", "-b", branch, "main");
  repo.write(files);
  const sha = repo.commit(`pr ${number}`);
  repo.git("checkout", "-q", "main");
  github.pulls.set(number, {
    number,
    headRef: branch,
    baseRef: "main",
    user: "copilot-swe-agent[bot]",
    labels: [],
    draft: false,
  });
  return { number, sha };
}

function opened(number: number, sha: string) {
  return recordedPayload("pull_request", "opened", (p) => {
    p.number = number;
    p.installation = { id: INSTALLATION };
    p.repository = { ...(p.repository as object), name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER } };
    Object.assign(p.pull_request as object, { number, head: { ...(p.pull_request as { head: object }).head, sha } });
  });
}

/** Waits for `condition`; on a timeout, says what for and what the servers logged. */
const until = (what: string, condition: () => boolean | Promise<boolean>) =>
  waitFor(condition, { what, detail: () => servers.map((s) => s.output).join("\n") });

/** A review held half-way: its check run is `in_progress` and GitHub has not sent the tarballs. */
async function reviewHeldHalfWay(server: MaestroServer) {
  const pr = openPullRequest(VIOLATION);
  const tarballs = github.hold("GET", /\/tarball\//);
  expect((await server.deliver("pull_request", opened(pr.number, pr.sha))).status).toBe(200);
  await until(
    "the check run in progress and a tarball asked for",
    () => github.runsOn(pr.sha)[0]?.status === "in_progress" && tarballs.waiting() > 0,
  );
  return { pr, tarballs };
}

describe("crash recovery", () => {
  it("a review killed half-way (SIGKILL) is finished after a restart: the same check run ends blocked, no second run", async () => {
    const first = await startMaestro();
    const { pr, tarballs } = await reviewHeldHalfWay(first);
    const run = github.runsOn(pr.sha)[0];
    first.kill("SIGKILL");
    expect(await first.exited()).toEqual({ code: null, signal: "SIGKILL" });
    tarballs.release();
    expect(github.runsOn(pr.sha)).toEqual([expect.objectContaining({ status: "in_progress" })]);

    await startMaestro({ MAESTRO_STALE_CHECK_SECONDS: "1", MAESTRO_RECONCILE_INTERVAL_SECONDS: "1" });
    await until("the stuck check run completed", () => github.runsOn(pr.sha)[0]?.status === "completed");
    expect(github.runsOn(pr.sha)).toEqual([expect.objectContaining({ ...BLOCKED, id: run?.id })]);
    expect(github.runsOn(pr.sha)[0]?.annotations).toContainEqual(
      expect.objectContaining({ path: "src/domain/order.ts", start_line: 1, title: "Maestro boundary" }),
    );
    await until("the sticky comment", () => github.comments.some((c) => c.issue === pr.number));
    expect(github.comments.find((c) => c.issue === pr.number)?.body).toContain('"verdict": "block"');
  }, 90_000);

  it("a fresh check run and a closed PR's unfinished run are left alone by the reconciler", async () => {
    const closed = openPullRequest(VIOLATION);
    github.checkRuns.push({
      id: 500,
      head_sha: closed.sha,
      name: "Maestro",
      status: "in_progress",
      annotations: [],
      created: 0,
      started_at: "2020-01-01T00:00:00Z",
    });
    Object.assign(github.pulls.get(closed.number) ?? {}, { state: "closed" });
    const server = await startMaestro({
      MAESTRO_STALE_CHECK_SECONDS: "3600",
      MAESTRO_RECONCILE_INTERVAL_SECONDS: "1",
      LOG_LEVEL: "info",
    });
    const { pr, tarballs } = await reviewHeldHalfWay(server);
    const asked = () => github.requests.filter((r) => r.path.endsWith(`/commits/${pr.sha}/check-runs`)).length;
    await until("two sweeps asking about the PR under review", () => asked() >= 2);
    expect(github.requests.some((r) => r.path.endsWith(`/commits/${closed.sha}/check-runs`))).toBe(false);
    expect(server.output).not.toContain("reviewing again");
    tarballs.release();
    await until("the review completed", () => github.runsOn(pr.sha)[0]?.status === "completed");
    expect(github.runsOn(pr.sha)).toEqual([expect.objectContaining(BLOCKED)]);
    expect(github.runsOn(closed.sha)).toEqual([expect.objectContaining({ id: 500, status: "in_progress" })]);
  }, 90_000);

  it("SIGTERM during a review: no new webhooks, the review finishes, then the process exits 0", async () => {
    const server = await startMaestro();
    const { pr, tarballs } = await reviewHeldHalfWay(server);
    server.kill("SIGTERM");
    await until("the server to stop answering", async () => !(await server.answers()));
    expect(github.runsOn(pr.sha)[0]?.status).toBe("in_progress");
    tarballs.release();
    expect(await server.exited()).toEqual({ code: 0, signal: null });
    expect(github.runsOn(pr.sha)).toEqual([expect.objectContaining(BLOCKED)]);
  }, 90_000);

  it("SIGTERM with a review outlasting the grace period: exits 0 in time and names the review it left", async () => {
    const server = await startMaestro({ MAESTRO_SHUTDOWN_GRACE_SECONDS: "1" });
    const { pr, tarballs } = await reviewHeldHalfWay(server);
    server.kill("SIGTERM");
    const late = new Promise((resolve) =>
      setTimeout(() => resolve("still running 10 s after SIGTERM"), 10_000).unref(),
    );
    expect(await Promise.race([server.exited(), late])).toEqual({ code: 0, signal: null });
    expect(server.output).toContain("unfinished after 1 s");
    expect(server.output).toContain(`"job":"${OWNER}/${REPO}#${pr.number}"`);
    expect(github.runsOn(pr.sha)).toEqual([expect.objectContaining({ status: "in_progress" })]);
    tarballs.release();
  }, 90_000);

  it("every request Maestro made fits GitHub's OpenAPI description", () => {
    expect(github.mismatches).toEqual([]);
  });
});
