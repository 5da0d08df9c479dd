import { verdictSchema, type Verdict } from "../../src/decide/verdict.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { GitHubEmulator, type CheckRun, type Issue } from "./github-emulator.js";
import { MaestroServer } from "./maestro-server.js";
import { emulatedPull, pullRequestPayload, pushPayload, type PullRequestAction } from "./webhook-payloads.js";
import { waitFor } from "./wait-for.js";

/**
 * The orchestra end to end (SPEC §8, issue #12): the built server (`npm start`'s code, over HTTP) against the GitHub
 * emulator, fed signed webhooks. Three agent PRs, two of them in one module and one of those outside its part, and a
 * human's PR: the part violation, contention on both overlapping PRs, a merge re-judging the other, the podium kept
 * in one issue across pushes and a redelivery; then a repository with 60 open PRs, whose review stays within its
 * request budget and says it compared only 50. Every request is checked against GitHub's OpenAPI description.
 */
const OWNER = "acme";
const REPO = "shop";
const INSTALLATION = 99;
const COPILOT = "copilot-swe-agent[bot]";
const CODEX = "chatgpt-codex-connector[bot]";
const DEVIN = "devin-ai-integration[bot]";

const SCORE = `version: 1
agents:
  logins: ["*[bot]"]
  parts:
    - name: copilot
      logins: ["${COPILOT}"]
      modules: [ui]
    - name: codex
      logins: ["${CODEX}"]
      modules: [ui]
modules:
  - name: ui
    paths: ["src/ui/**"]
  - name: core
    paths: ["src/core/**"]
  - name: lib
    paths: ["src/lib/**"]
    may_use: []
  - name: site
    paths: ["src/site/**"]
podium:
  debounce_s: 5
`;

const BASE = {
  ".github/maestro.yml": SCORE,
  "src/ui/button.ts": "export const button = 1;\n",
  "src/ui/menu.ts": "export const menu = 1;\n",
  "src/core/rules.ts": "export const rules = 1;\n",
  "src/lib/util.ts": "export const util = 1;\n",
  "src/site/page.ts": "export const page = 1;\n",
};

/** One repository on the emulated GitHub, and Maestro's built server in front of it. */
interface Stage {
  readonly repo: TestRepo;
  readonly github: GitHubEmulator;
  readonly maestro: MaestroServer;
}

interface Opened {
  readonly number: number;
  readonly sha: string;
  readonly branch: string;
}

async function startStage(files: Record<string, string>): Promise<Stage> {
  const repo = createRepo();
  repo.write(files);
  repo.commit("main");
  const github = new GitHubEmulator(OWNER, REPO, repo.dir);
  await github.start();
  const maestro = new MaestroServer();
  // Re-entry's 10 s gathering window shortened: long enough for a merge's `closed` and push to land in one window.
  await maestro.start(github.port, { MAESTRO_REENTRY_DELAY_MS: "500" });
  return { repo, github, maestro };
}

async function stopStage(stage: Stage | undefined): Promise<void> {
  await stage?.maestro.stop();
  await stage?.github.stop();
}

/** A branch off main with `files` committed, registered as an open PR by `user` (no webhook). */
function openPull(stage: Stage, user: string, files: Record<string, string | null>): Opened {
  const number = stage.github.nextNumber();
  const branch = `pr-${number}`;
  stage.repo.git("checkout", "-q", "-b", branch, "main");
  stage.repo.write(files);
  const sha = stage.repo.commit(`pr ${number}`);
  stage.repo.git("checkout", "-q", "main");
  stage.github.pulls.set(number, { number, headRef: branch, baseRef: "main", user, labels: [], draft: false });
  return { number, sha, branch };
}

/** A new commit on the PR's branch; returns its SHA. */
function pushTo(stage: Stage, pr: Opened, files: Record<string, string | null>): string {
  stage.repo.git("checkout", "-q", pr.branch);
  stage.repo.write(files);
  const sha = stage.repo.commit(`push to #${pr.number}`);
  stage.repo.git("checkout", "-q", "main");
  return sha;
}

function pullRequestEvent(stage: Stage, action: PullRequestAction, number: number, sha: string) {
  const target = { owner: OWNER, repo: REPO, installationId: INSTALLATION };
  return pullRequestPayload(target, action, { ...emulatedPull(stage.github, number), headSha: sha });
}

const serverLog = (stage: Stage) => () => `server said:\n${stage.maestro.output}`;

/** The check runs on `sha` once there are `count` of them and the last is completed; returns the last. */
function completedRun(stage: Stage, sha: string, count = 1): Promise<CheckRun> {
  return waitFor(
    () => {
      const runs = stage.github.runsOn(sha);
      const last = runs.at(-1);
      return runs.length >= count && last?.status === "completed" ? last : undefined;
    },
    { what: `check run ${count} on ${sha}, completed`, detail: serverLog(stage) },
  );
}

/** The verdict JSON of Maestro's sticky comment on PR `number`, once it satisfies `ready`. */
function stickyVerdict(stage: Stage, number: number, ready: (v: Verdict) => boolean = () => true): Promise<Verdict> {
  return waitFor(
    () => {
      const sticky = stage.github.comments.find(
        (c) => c.issue === number && c.body.includes("<!-- maestro:sticky -->"),
      );
      const json = sticky && /```json\n([\s\S]*?)\n```/.exec(sticky.body)?.[1];
      const verdict = json ? verdictSchema.parse(JSON.parse(json)) : undefined;
      return verdict && ready(verdict) ? verdict : undefined;
    },
    { what: `the sticky comment's verdict on #${number}`, detail: serverLog(stage) },
  );
}

/** Requests made since `from` (an index into `github.requests`) that match. */
function requestsSince(stage: Stage, from: number, method: string, path: (p: string) => boolean) {
  return stage.github.requests.slice(from).filter((r) => r.method === method && path(r.path));
}

describe("three agents and a human on one base", () => {
  let stage: Stage;
  let copilot: Opened;
  let codex: Opened;
  let devin: Opened;
  let human: Opened;
  const podiums = () => stage.github.issues.filter((i) => i.title === "Maestro podium");
  /** The one podium issue once its body satisfies `ready`. */
  const podiumWhen = (what: string, ready: (body: string) => boolean): Promise<Issue> =>
    waitFor(() => podiums().find((i) => ready(i.body ?? "")), {
      what: `the podium ${what}`,
      detail: () => `${serverLog(stage)()}\npodium:\n${podiums()[0]?.body ?? "(none)"}`,
    });

  beforeAll(async () => {
    stage = await startStage(BASE);
    // GitHub's search index lags behind a new issue: a podium found only through search would be created twice.
    stage.github.searchLagMs = 600_000;
  }, 60_000);
  afterAll(() => stopStage(stage));

  it("the PR outside its part fails at the file; the two PRs in one module each name the other", async () => {
    copilot = openPull(stage, COPILOT, { "src/ui/button.ts": "export const button = 2;\n" });
    codex = openPull(stage, CODEX, {
      "src/ui/menu.ts": "export const menu = 2;\n",
      "src/core/rules.ts": "export const rules = 2;\n",
    });
    devin = openPull(stage, DEVIN, { "src/lib/util.ts": "export const util = 2;\n" });
    human = openPull(stage, "alice", { "src/site/page.ts": "export const page = 2;\n" });
    for (const pr of [copilot, codex, devin, human])
      expect(
        (await stage.maestro.deliver("pull_request", pullRequestEvent(stage, "opened", pr.number, pr.sha))).status,
      ).toBe(200);

    const outside = await completedRun(stage, codex.sha);
    expect(outside.conclusion).toBe("failure");
    expect(outside.annotations).toContainEqual(
      expect.objectContaining({
        path: "src/core/rules.ts",
        annotation_level: "failure",
        title: "Maestro part",
        message: expect.stringContaining('outside part "codex", whose PRs may change only modules ui'),
      }),
    );
    const inside = await completedRun(stage, copilot.sha);
    expect(inside.annotations).not.toContainEqual(expect.objectContaining({ title: "Maestro part" }));
    expect((await completedRun(stage, devin.sha)).conclusion).toBe("success");
    expect((await completedRun(stage, human.sha)).conclusion).toBe("success");

    // Contention on both: each names the other (its part, the module they share) in its JSON and its summary.
    const pairs = [
      [copilot, codex, "codex"],
      [codex, copilot, "copilot"],
    ] as const;
    for (const [pr, other, part] of pairs) {
      const verdict = await stickyVerdict(stage, pr.number);
      expect(verdict.contention).toEqual([
        expect.objectContaining({ pr: other.number, agent: part, files: [], modules: ["ui"] }),
      ]);
      expect(verdict.risk.signals.find((s) => s.id === "contention")?.points).toBeGreaterThan(0);
      const summary = stage.github.runsOn(pr.sha).at(-1)?.output?.summary ?? "";
      expect(summary).toContain("### Other instruments");
      expect(summary).toContain(`| #${other.number} | \`${part}\` by`);
      expect(summary).toContain("Suggested merge order:");
    }
    // The PRs in other modules overlap nobody.
    expect((await stickyVerdict(stage, devin.number)).contention).toEqual([]);
  }, 60_000);

  it("the podium is created once, then edited in place with every agent PR and the contention pair", async () => {
    const podium = await podiumWhen("listing the three agent PRs", (body) =>
      [copilot, codex, devin].every((pr) => body.includes(`| #${pr.number} |`)),
    );
    expect(podiums()).toHaveLength(1);
    expect(podium.body).toMatch(/^<!-- maestro:podium -->/);
    expect(podium.user.login).toBe("maestro[bot]");
    // A human's PR is no row of its own.
    expect(podium.body).not.toContain(`| #${human.number} |`);
    expect(podium.body).toMatch(new RegExp(`\\| #${copilot.number} \\|[^\\n]*#${codex.number} \\(\`codex\`\\) \\|`));
    expect(podium.edits).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("a merge re-judges the other PR on its unchanged head: its contention no longer lists the merged PR", async () => {
    const before = stage.github.sha("main");
    const runsBefore = stage.github.runsOn(codex.sha).length;
    const others = [devin, human].map((pr) => stage.github.runsOn(pr.sha).length);
    const merged = stage.github.merge(copilot.number);
    const target = { owner: OWNER, repo: REPO, installationId: INSTALLATION };
    // GitHub sends both: the PR closed (merged), and the push of its merge commit to the default branch.
    await stage.maestro.deliver("pull_request", pullRequestEvent(stage, "closed", copilot.number, copilot.sha));
    const push = pushPayload(target, {
      ref: "refs/heads/main",
      before,
      after: merged,
      commits: [
        {
          id: merged,
          message: `Merge pull request #${copilot.number}`,
          added: [],
          removed: [],
          modified: ["src/ui/button.ts"],
        },
      ],
    });
    await stage.maestro.deliver("push", {
      ...push,
      repository: { ...(push.repository as object), default_branch: "main" },
    });

    const rejudged = await completedRun(stage, codex.sha, runsBefore + 1);
    expect(stage.github.sha(codex.branch)).toBe(codex.sha);
    expect(rejudged.conclusion).toBe("failure");
    expect(rejudged.output?.summary).not.toContain(`| #${copilot.number} |`);
    const verdict = await stickyVerdict(
      stage,
      codex.number,
      (v) => !v.contention?.some((c) => c.pr === copilot.number),
    );
    expect(verdict.contention).toEqual([]);
    expect(verdict.risk.signals.find((s) => s.id === "contention")).toBeUndefined();
    // The merged PR leaves the podium's open PRs.
    await podiumWhen("without the merged PR", (body) => !body.includes(`| #${copilot.number} |`));
    // The closed event and the push were one move: one re-judgement, and none for the PRs that did not overlap.
    expect(stage.github.runsOn(codex.sha)).toHaveLength(runsBefore + 1);
    expect([devin, human].map((pr) => stage.github.runsOn(pr.sha).length)).toEqual(others);
  }, 60_000);

  it("two pushes and a redelivery: still one podium, edited in place at most once per debounce window", async () => {
    const first = pushTo(stage, devin, { "src/lib/more.ts": "export const more = 1;\n" });
    await stage.maestro.deliver("pull_request", pullRequestEvent(stage, "synchronize", devin.number, first));
    expect((await completedRun(stage, first)).conclusion).toBe("success");
    // The second push makes lib use site, which `may_use: []` forbids: the podium's row turns to block.
    const second = pushTo(stage, devin, {
      "src/lib/bad.ts": `import { page } from "../site/page";\nexport const bad = page;\n`,
    });
    const event = pullRequestEvent(stage, "synchronize", devin.number, second);
    await stage.maestro.deliver("pull_request", event, { delivery: "orchestra-redelivered" });
    await stage.maestro.deliver("pull_request", event, { delivery: "orchestra-redelivered" });
    expect((await completedRun(stage, second)).conclusion).toBe("failure");
    const podium = await podiumWhen(`showing #${devin.number} blocked`, (body) =>
      new RegExp(`\\| #${devin.number} \\|[^\\n]*\\| block \\|`).test(body),
    );

    expect(stage.github.runsOn(second)).toHaveLength(1);
    expect(podiums()).toHaveLength(1);
    const issues = `/repos/${OWNER}/${REPO}/issues`;
    const created = requestsSince(stage, 0, "POST", (p) => p === issues);
    const edited = requestsSince(stage, 0, "PATCH", (p) => p === `${issues}/${podium.number}`);
    expect(created).toHaveLength(1);
    expect(edited).toHaveLength(podium.edits);
    // Created, then edited after the verdicts, the merge and the pushes: each phase changed it in place.
    expect(podium.edits).toBeGreaterThanOrEqual(3);
    // At most one write per `podium.debounce_s: 5` (the slot is claimed just before each write: some slack).
    const writes = [...created, ...edited].map((r) => r.at).sort((a, b) => a - b);
    for (let i = 1; i < writes.length; i++)
      expect((writes[i] ?? 0) - (writes[i - 1] ?? 0)).toBeGreaterThanOrEqual(4_500);
  }, 60_000);

  it("every request Maestro made fits GitHub's OpenAPI description", () => {
    expect(stage.github.mismatches).toEqual([]);
  });
});

describe("a repository with 60 open PRs", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage({ ...BASE, ".github/maestro.yml": SCORE.replace(/podium:\n.*\n/, "") });
  }, 60_000);
  afterAll(() => stopStage(stage));

  it("a review lists them once, reads 50 heads' files in one query, and says more PRs exist than were compared", async () => {
    // Seeded without webhooks. The oldest and the newest change the UI: only the newest is among the 50 compared.
    const seeded: Opened[] = [];
    for (let i = 0; i < 60; i++) {
      const edge = i === 0 || i === 59;
      seeded.push(
        openPull(
          stage,
          DEVIN,
          edge
            ? { "src/ui/button.ts": `export const button = ${i};\n` }
            : { [`src/lib/seed-${i}.ts`]: "export const seed = 1;\n" },
        ),
      );
    }
    const [oldest, newest] = [seeded[0] as Opened, seeded[59] as Opened];
    // Only added files: no history query, so every GraphQL request is a query of the other PRs' files.
    const pr = openPull(stage, CODEX, { "src/ui/dialog.ts": "export const dialog = 1;\n" });
    const graphql = (p: string) => p.endsWith("/graphql");
    const listing = (p: string) => p === `/repos/${OWNER}/${REPO}/pulls`;
    const othersFiles = (p: string) =>
      /\/pulls\/(\d+)\/files$/.exec(p)?.[1] !== String(pr.number) && p.endsWith("/files");

    let from = stage.github.requests.length;
    await stage.maestro.deliver("pull_request", pullRequestEvent(stage, "opened", pr.number, pr.sha));
    const run = await completedRun(stage, pr.sha);
    const verdict = await stickyVerdict(stage, pr.number);
    expect(requestsSince(stage, from, "GET", listing)).toHaveLength(1);
    expect(requestsSince(stage, from, "POST", graphql)).toHaveLength(1);
    expect(requestsSince(stage, from, "GET", othersFiles)).toEqual([]);

    expect(verdict.orchestra).toMatchObject({ compared: 50, more: true });
    expect(verdict.contention?.map((c) => c.pr)).toEqual([newest.number]);
    expect(verdict.contention?.map((c) => c.pr)).not.toContain(oldest.number);
    expect(run.output?.summary).toContain("Compared 50 other open PRs on `main`.");
    expect(run.output?.summary).toContain("More open PRs exist: only the 50 most recently updated were compared.");

    // A push: the other heads' files are cached, so the review lists the open PRs once and queries no files.
    const pushed = pushTo(stage, pr, { "src/ui/dialog-2.ts": "export const dialog2 = 1;\n" });
    from = stage.github.requests.length;
    await stage.maestro.deliver("pull_request", pullRequestEvent(stage, "synchronize", pr.number, pushed));
    await completedRun(stage, pushed);
    expect(requestsSince(stage, from, "GET", listing)).toHaveLength(1);
    expect(requestsSince(stage, from, "POST", graphql)).toEqual([]);
    expect(requestsSince(stage, from, "GET", othersFiles)).toEqual([]);
  }, 90_000);

  it("every request Maestro made fits GitHub's OpenAPI description", () => {
    expect(stage.github.mismatches).toEqual([]);
  });
});
