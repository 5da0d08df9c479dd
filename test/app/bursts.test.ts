import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";
import { DOMAIN_INFRA_SCORE } from "../fixtures/scores.js";
import type { WritePriority } from "../../src/app/write-priority.js";

/**
 * What a PR sees when work comes in bursts: many PRs at once, many pushes to one PR, the same verdict again. Maestro's
 * app in-process against the GitHub emulator.
 */
let app: EmulatedApp;
beforeAll(async () => {
  app = await createEmulatedApp({
    ".github/maestro.yml": DOMAIN_INFRA_SCORE,
    "src/domain/a.ts": "export const a = 1;\n",
    "src/infra/db.ts": "export const db = 1;\n",
    "test/a.test.ts": "test('a', () => {});\n",
  });
}, 30_000);
afterAll(async () => {
  expect(app.github.mismatches).toEqual([]);
  await app.stop();
});

const tarballsOf = (from: number, shas: readonly string[]) =>
  app.github.requests
    .slice(from)
    .filter((r) => r.path.includes("/tarball/") && shas.some((sha) => r.path.endsWith(sha)));

describe("a storm of pushes to one PR", () => {
  it("reviews the last push only: each earlier push's check run completes as superseded, naming a newer head, and none of their content is fetched", async () => {
    const maestro = await app.startProcess();
    const pr = await app.reviewedPull({ "src/infra/storm.ts": "export const storm = 0;\n" });
    const heads: string[] = [];
    for (let i = 1; i <= 6; i++)
      heads.push(await app.push(pr, { "src/infra/storm.ts": `export const storm = ${i};\n` }, false));
    const before = app.github.requests.length;
    for (const [i, sha] of heads.entries())
      await maestro.send("pull_request", app.pullRequestEvent("synchronize", pr, sha, {}, `2031-01-01T00:00:0${i}Z`));
    await maestro.drain();
    const newest = heads.at(-1) as string;
    expect(app.github.runsOn(newest).map((run) => run.conclusion)).toEqual(["success"]);
    const stale = heads.slice(0, -1);
    expect(tarballsOf(before, stale)).toEqual([]);
    // A push replaced while its check run waited for its turn never gets one: fewer writes for a stale head.
    expect(stale.filter((sha) => app.github.runsOn(sha).length > 0).length).toBeLessThanOrEqual(2);
    for (const [i, sha] of stale.entries())
      for (const run of app.github.runsOn(sha)) {
        expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
        const named = /^Superseded by a newer push \((\w{7})\): not reviewed$/.exec(run.output?.title ?? "")?.[1];
        expect(heads.slice(i + 1).map((sha) => sha.slice(0, 7))).toContain(named);
      }
  });

  it("regression: a push whose webhook arrives after a newer one's gets no check run left in_progress and no download", async () => {
    const maestro = await app.startProcess();
    const pr = await app.reviewedPull({ "src/infra/late.ts": "export const late = 0;\n" });
    const older = await app.push(pr, { "src/infra/late.ts": "export const late = 1;\n" }, false);
    const newer = await app.push(pr, { "src/infra/late.ts": "export const late = 2;\n" }, false);
    const before = app.github.requests.length;
    await maestro.send("pull_request", app.pullRequestEvent("synchronize", pr, newer, {}, "2031-02-01T00:00:02Z"));
    await maestro.send("pull_request", app.pullRequestEvent("synchronize", pr, older, {}, "2031-02-01T00:00:01Z"));
    await maestro.drain();
    expect(app.github.runsOn(newer).map((run) => run.conclusion)).toEqual(["success"]);
    expect(app.github.runsOn(older).filter((run) => run.status !== "completed")).toEqual([]);
    expect(tarballsOf(before, [older])).toEqual([]);
  });
});

describe("a burst of PRs", () => {
  const openPull = (i: number) => {
    const number = app.github.nextNumber();
    const branch = `burst-${number}`;
    app.repo.git("checkout", "-q", "-b", branch, "main");
    app.repo.write({ [`src/infra/burst${i}.ts`]: `export const b${i} = ${i};\n` });
    const sha = app.repo.commit(`burst ${i}`);
    app.repo.git("checkout", "-q", "main");
    app.github.pulls.set(number, { number, headRef: branch, baseRef: "main", user: "dev", labels: [], draft: false });
    return { number, sha, branch };
  };

  it("shows each new PR's in_progress check run before the writes of a review already under way", async () => {
    let writes: WritePriority | undefined;
    const maestro = await app.startProcess({ onWrites: (w) => (writes = w) });
    const [running, ...burst] = Array.from({ length: 5 }, (_, i) => openPull(i)) as [
      ReturnType<typeof openPull>,
      ...ReturnType<typeof openPull>[],
    ];
    // A review under way, held at its download; then GitHub slow to create the first PR's check run.
    const download = app.github.hold("GET", /\/tarball\//);
    await maestro.send("pull_request", app.pullRequestEvent("opened", running, running.sha));
    await waitFor(() => download.waiting() > 0);
    const creation = app.github.hold("POST", /\/check-runs$/);
    await maestro.send(
      "pull_request",
      app.pullRequestEvent("opened", burst[0] as typeof running, burst[0]?.sha as string),
    );
    await waitFor(() => creation.waiting() > 0);
    // The review under way reaches its writes while the first creation is held: they wait in line.
    const before = app.github.requests.length;
    download.release();
    await waitFor(() => (writes?.waiting() ?? 0) > 0);
    for (const pr of burst.slice(1)) await maestro.send("pull_request", app.pullRequestEvent("opened", pr, pr.sha));
    creation.release();
    await maestro.drain();
    const sent = app.github.requests.slice(before).filter((r) => r.method !== "GET");
    const starts = sent.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs"));
    expect(starts).toHaveLength(burst.length);
    expect(sent.slice(0, burst.length)).toEqual(starts);
    for (const pr of [running, ...burst]) expect(app.latest(pr.sha)?.status).toBe("completed");
  });
});

/** Until `done()` holds (a few seconds at most). */
async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("waited 10 s in vain");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the sticky comment", () => {
  it("is not written again when the verdict it shows has not changed", async () => {
    const pr = await app.reviewedPull({ "src/infra/same.ts": "export const same = 1;\n" });
    const sticky = app.sticky(pr.number);
    expect(sticky).toContain("maestro:sticky");
    const before = app.github.requests.length;
    await app.deliver("check_run", app.checkRunEvent("rerequested", pr.sha, pr.number));
    expect(app.github.runsOn(pr.sha)).toHaveLength(2);
    const edits = app.github.requests
      .slice(before)
      .filter((r) => r.method === "PATCH" && r.path.includes("/comments/"));
    expect(edits).toEqual([]);
    expect(app.sticky(pr.number)).toBe(sticky);
  });
});
