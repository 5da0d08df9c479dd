import { verdictSchema, type Verdict } from "../../src/decide/verdict.js";
import type { PodiumUpdates } from "../../src/app/podium-updates.js";
import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";

/**
 * The orchestra in the app (SPEC §8), against the GitHub emulator with Maestro's app in-process: contention
 * between open PRs on the check run and in the sticky comment's JSON, re-entry after a merge or a push to main,
 * and what it costs in requests.
 */
const SCORE = (extra = "") => `version: 1
agents:
  logins: ["*[bot]"]
  labels: ["ai-generated"]
modules:
  - name: ui
    paths: ["src/ui/**"]
  - name: core
    paths: ["src/core/**"]
${extra}`;

const BASE = {
  "src/ui/button.ts": "export const button = 1;\n",
  "src/ui/menu.ts": "export const menu = 1;\n",
  "src/core/rules.ts": "export const rules = 1;\n",
  "src/core/store.ts": "export const store = 1;\n",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stickyVerdict(app: EmulatedApp, number: number): Verdict {
  const json = /```json\n([\s\S]*?)\n```/.exec(app.sticky(number))?.[1];
  if (!json) throw new Error(`PR #${number} has no verdict JSON in its sticky comment`);
  return verdictSchema.parse(JSON.parse(json));
}

const summaryOf = (app: EmulatedApp, sha: string) => app.latest(sha)?.output?.summary ?? "";
const listings = (app: EmulatedApp) =>
  app.github.requests.filter((r) => r.method === "GET" && r.path === "/repos/acme/shop/pulls").length;
const graphqlCalls = (app: EmulatedApp) => app.github.requests.filter((r) => r.path.endsWith("/graphql")).length;

describe("contention between open PRs", () => {
  let app: EmulatedApp;
  beforeAll(async () => {
    app = await createEmulatedApp({ ".github/maestro.yml": SCORE(), ...BASE }, { reentryDelayMs: 20 });
  }, 30_000);
  afterAll(async () => {
    expect(app.github.mismatches).toEqual([]);
    await app.stop();
  });

  it("two agents editing one file: the later PR names the earlier in Other instruments, its JSON and its risk", async () => {
    const first = await app.reviewedPull(
      { "src/ui/button.ts": "export const button = 2;\n" },
      "copilot-swe-agent[bot]",
    );
    const listed = listings(app);
    const second = await app.reviewedPull({ "src/ui/button.ts": "export const button = 3;\n" }, "codex-agent[bot]");

    const summary = summaryOf(app, second.sha);
    expect(summary).toContain("Other instruments");
    expect(summary).toContain(`#${first.number}`);
    const verdict = stickyVerdict(app, second.number);
    expect(verdict.contention).toEqual([
      expect.objectContaining({
        pr: first.number,
        agent: "copilot-swe-agent[bot]",
        files: ["src/ui/button.ts"],
        modules: ["ui"],
        strength: "strong",
      }),
    ]);
    expect(verdict.risk.signals.find((s) => s.id === "contention")?.points).toBeGreaterThan(0);
    // One listing of the open PRs for this review.
    expect(listings(app) - listed).toBe(1);
  });

  it("the earlier PR, pushed again, sees the later one: contention is on both PRs", async () => {
    const [first, second] = [...app.github.pulls.values()].slice(0, 2);
    if (!first || !second) throw new Error("the first test opens two PRs");
    await app.push(
      { number: first.number, branch: first.headRef },
      { "src/ui/button.ts": "export const button = 4;\n" },
    );
    const verdict = stickyVerdict(app, first.number);
    expect(verdict.contention?.map((c) => c.pr)).toEqual([second.number]);
    expect(verdict.contention?.[0]?.agent).toBe("codex-agent[bot]");
  });

  it("a PR in another module overlaps nobody: no contention, and the summary says how many PRs were compared", async () => {
    const pr = await app.reviewedPull(
      { "src/core/store.ts": "export const store = 2;\n" },
      "devin-ai-integration[bot]",
    );
    const verdict = stickyVerdict(app, pr.number);
    expect(verdict.contention).toEqual([]);
    expect(verdict.orchestra).toMatchObject({ compared: 2, more: false, unread: [] });
    expect(verdict.risk.signals.find((s) => s.id === "contention")).toBeUndefined();
    expect(summaryOf(app, pr.sha)).toContain("Other instruments");

    // A re-review finds every other head's files in the cache: one listing, and no files query (GraphQL is the
    // history query alone, if even that).
    const [graphqlBefore, listedBefore] = [graphqlCalls(app), listings(app)];
    app.github.roles.set("dev", "write");
    await app.comment(pr.number, "dev", "/maestro re-review");
    expect(listings(app) - listedBefore).toBe(1);
    expect(graphqlCalls(app) - graphqlBefore).toBeLessThanOrEqual(1);
  });

  it("a merge re-judges the open agent PR it overlapped, on its newest head, and leaves the others alone", async () => {
    const [first, second, third] = [...app.github.pulls.values()];
    if (!first || !second || !third) throw new Error("the tests above open three PRs");
    const secondHead = app.github.sha(second.headRef);
    const runsBefore = app.github.runsOn(secondHead).length;
    const thirdRuns = app.github.runsOn(app.github.sha(third.headRef)).length;
    await app.merge(first.number);
    await sleep(60);
    await app.maestro.drain();

    expect(app.github.runsOn(secondHead)).toHaveLength(runsBefore + 1);
    expect(app.latest(secondHead)?.status).toBe("completed");
    // The merged PR is no longer an open instrument.
    expect(stickyVerdict(app, second.number).contention).toEqual([]);
    expect(app.github.runsOn(app.github.sha(third.headRef))).toHaveLength(thirdRuns);
  });

  it("a push to main re-judges the open PRs whose files it touched", async () => {
    const third = [...app.github.pulls.values()][2];
    if (!third) throw new Error("the tests above open three PRs");
    const head = app.github.sha(third.headRef);
    const before = app.github.runsOn(head).length;
    await app.pushToMain({ "src/core/store.ts": "export const store = 9;\n" });
    await sleep(60);
    await app.maestro.drain();
    expect(app.github.runsOn(head)).toHaveLength(before + 1);
  });

  it("GitHub failing the listing of open PRs: the verdict is still given, and says contention was not weighed", async () => {
    app.github.faults.push({ method: "GET", path: /^\/repos\/acme\/shop\/pulls$/, status: 404, remaining: 1 });
    const pr = await app.reviewedPull({ "src/core/rules.ts": "export const rules = 2;\n" }, "codex-agent[bot]");
    expect(app.latest(pr.sha)?.status).toBe("completed");
    expect(summaryOf(app, pr.sha)).toContain("contention with them was not weighed");
    expect(stickyVerdict(app, pr.number).contention).toBeUndefined();
  });
});

describe("re-entry is bounded", () => {
  let app: EmulatedApp;
  beforeAll(async () => {
    app = await createEmulatedApp(
      { ".github/maestro.yml": SCORE("contention:\n  max_rejudge: 1\n"), ...BASE },
      { reentryDelayMs: 20 },
    );
  }, 30_000);
  afterAll(async () => {
    expect(app.github.mismatches).toEqual([]);
    await app.stop();
  });

  it("three PRs overlap a merged one, max_rejudge 1: the newest is re-judged, the merged PR's note names the others", async () => {
    const merged = await app.reviewedPull({ "src/ui/button.ts": "export const button = 2;\n" }, "a-agent[bot]");
    const older = await app.reviewedPull({ "src/ui/menu.ts": "export const menu = 2;\n" }, "b-agent[bot]");
    const old = await app.reviewedPull({ "src/ui/menu.ts": "export const menu = 3;\n" }, "c-agent[bot]");
    const newest = await app.reviewedPull({ "src/ui/button.ts": "export const button = 3;\n" }, "d-agent[bot]");
    // GitHub lists by last update: the newest PR was updated last.
    const newestPull = app.github.pulls.get(newest.number);
    if (newestPull) newestPull.updatedAt = new Date(Date.now() + 60_000).toISOString();
    const runs = (sha: string) => app.github.runsOn(sha).length;
    const before = [runs(older.sha), runs(old.sha), runs(newest.sha)];
    await app.merge(merged.number);
    await sleep(60);
    await app.maestro.drain();

    expect([runs(older.sha), runs(old.sha), runs(newest.sha)]).toEqual([before[0], before[1], (before[2] ?? 0) + 1]);
    const note = app.github.comments.find((c) => c.issue === merged.number && c.body.includes("max_rejudge"));
    expect(note?.body).toContain(`#${newest.number}`);
    expect(note?.body).toContain(`#${older.number}`);
    expect(note?.body).toContain(`#${old.number}`);
    expect(note?.body).toContain("`contention.max_rejudge: 1`");
  });
});

describe("re-entry after a direct push is bounded too", () => {
  let app: EmulatedApp;
  beforeAll(async () => {
    app = await createEmulatedApp(
      { ".github/maestro.yml": SCORE("contention:\n  max_rejudge: 1\n"), ...BASE },
      { reentryDelayMs: 20 },
    );
  }, 30_000);
  afterAll(async () => {
    expect(app.github.mismatches).toEqual([]);
    await app.stop();
  });

  it("two open PRs touch the pushed file, max_rejudge 1: one is re-judged, the note on the pushed commit names the other", async () => {
    const a = await app.reviewedPull({ "src/ui/button.ts": "export const button = 2;\n" }, "a-agent[bot]");
    const b = await app.reviewedPull({ "src/ui/button.ts": "export const button = 3;\n" }, "b-agent[bot]");
    const runs = (sha: string) => app.github.runsOn(sha).length;
    const before = runs(a.sha) + runs(b.sha);
    const pushed = await app.pushToMain({ "src/ui/button.ts": "export const button = 9;\n" });
    await sleep(60);
    await app.maestro.drain();
    expect(runs(a.sha) + runs(b.sha)).toBe(before + 1);
    const note = app.github.commitComments.find((c) => c.sha === pushed.after);
    expect(note?.body).toContain("this push");
    expect(note?.body).toContain("`contention.max_rejudge: 1`");
    expect(note?.body).toMatch(new RegExp(`#(${a.number}|${b.number})\\.`));
  });
});

describe("the podium", () => {
  let app: EmulatedApp;
  let podium: PodiumUpdates | undefined;
  const PODIUM_SCORE = SCORE(`podium:
  debounce_s: 5
`).replace(
    `  labels: ["ai-generated"]\n`,
    `  labels: ["ai-generated"]\n  parts:\n    - name: copilot\n      logins: ["copilot-swe-agent[bot]"]\n      modules: [ui]\n      trust:\n        review_at: 0\n        max_block_rate: 0.3\n        min_prs: 1\n`,
  );
  const podiums = () => app.github.issues.filter((i) => i.title === "Maestro podium");
  beforeAll(async () => {
    app = await createEmulatedApp(
      { ".github/maestro.yml": PODIUM_SCORE, ...BASE },
      // Replicas and restarts share the secret that seals the podium's state (MAESTRO_SIGNING_SECRET).
      { reentryDelayMs: 20, onPodium: (p) => (podium = p), signingSecret: "the app's secret" },
    );
  }, 30_000);
  afterAll(async () => {
    expect(app.github.mismatches).toEqual([]);
    await app.stop();
  });

  it("is created once, after the verdict, listing the agent PR with its verdict and modules", async () => {
    const pr = await app.reviewedPull({ "src/ui/button.ts": "export const button = 2;\n" }, "copilot-swe-agent[bot]");
    await podium?.settled();
    expect(podiums()).toHaveLength(1);
    const issue = podiums()[0];
    expect(issue?.body).toMatch(/^<!-- maestro:podium -->/);
    expect(issue?.body).toContain(`| #${pr.number} |`);
    expect(issue?.body).toContain("copilot");
    expect(issue?.body).toContain("```mermaid");
    // The verdict was written before the podium: the check run completed before the issue existed.
    const completed = app.github.runsOn(pr.sha).at(-1)?.completed ?? Infinity;
    expect(Date.parse(issue?.createdAt ?? "")).toBeGreaterThanOrEqual(completed - 1000);
  });

  it("a second PR inside the window waits for it: then one edit in place, never a second issue", async () => {
    const pr = await app.reviewedPull({ "src/ui/button.ts": "export const button = 3;\n" }, "codex-agent[bot]");
    await podium?.settled();
    expect(podiums()).toHaveLength(1);
    expect(podiums()[0]?.edits).toBe(0);
    expect(podiums()[0]?.body).not.toContain(`| #${pr.number} |`);
    await sleep(5_200);
    await podium?.settled();
    expect(podiums()).toHaveLength(1);
    expect(podiums()[0]?.edits).toBe(1);
    expect(podiums()[0]?.body).toContain(`| #${pr.number} |`);
  }, 20_000);

  it("a restarted Maestro whose search index lags still finds the podium it wrote: no duplicate", async () => {
    app.github.searchLagMs = 600_000;
    let restarted: PodiumUpdates | undefined;
    const other = await app.startProcess({ reentryDelayMs: 20, onPodium: (p) => (restarted = p) });
    const pr = app.github.nextNumber();
    app.repo.git("checkout", "-q", "-b", `pr-${pr}`, "main");
    app.repo.write({ "src/core/rules.ts": "export const rules = 2;\n" });
    const sha = app.repo.commit(`pr ${pr}`);
    app.repo.git("checkout", "-q", "main");
    app.github.pulls.set(pr, {
      number: pr,
      headRef: `pr-${pr}`,
      baseRef: "main",
      user: "devin-ai-integration[bot]",
      labels: [],
      draft: false,
    });
    await other.receive("pull_request", app.pullRequestEvent("opened", { number: pr, branch: `pr-${pr}` }, sha));
    await restarted?.settled();
    expect(podiums()).toHaveLength(1);
    expect(podiums()[0]?.body).toContain(`| #${pr} |`);
  });

  it("/maestro explain <agent> replies with that agent's record", async () => {
    const first = [...app.github.pulls.values()][0];
    if (!first) throw new Error("the tests above open PRs");
    await app.comment(first.number, "dev", "/maestro explain copilot");
    const reply = app.github.replies(first.number).at(-1)?.body ?? "";
    expect(reply).toContain("record over the last 30 days");
    expect(reply).toMatch(/\| 1 \| 1 \| 0 \| 0 \|/);
  });

  it("/maestro explain <agent> while GitHub will not show the podium: the reply says so, never that there is no record", async () => {
    const first = [...app.github.pulls.values()][0];
    const issue = podiums()[0];
    if (!first || !issue) throw new Error("the tests above open PRs and the podium");
    app.github.faults.push(
      { method: "GET", path: new RegExp(`^/repos/acme/shop/issues/${issue.number}$`), status: 404, remaining: 1 },
      { method: "GET", path: /^\/search\/issues$/, status: 422, remaining: 1 },
    );
    await app.comment(first.number, "dev", "/maestro explain copilot");
    const reply = app.github.replies(first.number).at(-1)?.body ?? "";
    expect(reply).toMatch(/^The podium could not be read just now \(.*\), so `copilot`'s record cannot be shown/);
  });

  it("trust: once its record is over max_block_rate, the agent's next PR needs a conductor, and the reason names the record", async () => {
    const blocked = await app.reviewedPull(
      { "src/core/rules.ts": "export const rules = 3;\n" },
      "copilot-swe-agent[bot]",
    );
    expect(app.latest(blocked.sha)?.conclusion).toBe("failure");
    const next = await app.reviewedPull({ "src/ui/menu.ts": "export const menu = 5;\n" }, "copilot-swe-agent[bot]");
    expect(app.latest(next.sha)?.conclusion).toBe("action_required");
    expect(stickyVerdict(app, next.number).reasons[0]).toMatch(
      /^risk \d+ ≥ review_at 0, lowered from 40 by part "copilot"'s record: 1 of 2 PRs blocked in 30 days \(max_block_rate 0\.3\)$/,
    );
  });
});
