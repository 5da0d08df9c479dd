import nock from "nock";
import { ProbotOctokit } from "probot";
import { loadRepoScore } from "../../src/app/load-repo-score.js";
import type { Snapshot } from "../../src/gather/snapshot-change.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";

const API = "https://api.github.com";
const repo = { owner: "acme", repo: "shop" };
const octokit = new ProbotOctokit({ auth: { token: "test" }, throttle: { enabled: false }, retry: { enabled: false } });

const snapshot = (score: string): Snapshot => new Map([[".github/maestro.yml", new TextEncoder().encode(score)]]);
const orgScore = (text: string) =>
  nock(API)
    .get("/repos/acme/.github/contents/.github%2Fmaestro.yml")
    .reply(200, {
      type: "file",
      encoding: "base64",
      path: ".github/maestro.yml",
      content: Buffer.from(text).toString("base64"),
    });

const ALIAS_BOMB = `version: 1
a: &a [x, x, x, x, x, x, x, x, x, x]
${"bcdefghij"
  .split("")
  .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefghij"[i]}`).join(", ")}]`)
  .join("\n")}
`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const BASE_SHA = "b".repeat(40);

describe("loadRepoScore", () => {
  it("regression: a score is parsed once per blob SHA, not again for every review and command", async () => {
    const text = "version: 1\nmodules:\n  - name: app\n    paths: [src/**]\n";
    const first = await loadRepoScore(octokit, repo, snapshot(text), BASE_SHA);
    const second = await loadRepoScore(octokit, { owner: "other", repo: "repo" }, snapshot(text), BASE_SHA);
    expect(first).toMatchObject({
      kind: "found",
      blobSha: expect.stringMatching(/^[0-9a-f]{40}$/),
      parsed: { ok: true },
    });
    expect(second.kind === "found" && second.parsed).toBe(first.kind === "found" && first.parsed);
    const edited = await loadRepoScore(octokit, repo, snapshot(`${text}    description: edited\n`), BASE_SHA);
    expect(edited.kind === "found" && edited.parsed).not.toBe(first.kind === "found" && first.parsed);
  });

  it("a score that extends an org score is parsed again when the org score changes, and only then", async () => {
    const text = "version: 1\nextends: acme/.github\n";
    const org = orgScore("version: 1\nrisk:\n  review_at: 10\n");
    const first = await loadRepoScore(octokit, repo, snapshot(text), BASE_SHA);
    const orgAgain = orgScore("version: 1\nrisk:\n  review_at: 10\n");
    const again = await loadRepoScore(octokit, repo, snapshot(text), BASE_SHA);
    const orgChanged = orgScore("version: 1\nrisk:\n  review_at: 20\n");
    const changed = await loadRepoScore(octokit, repo, snapshot(text), BASE_SHA);
    expect(org.isDone() && orgAgain.isDone() && orgChanged.isDone()).toBe(true);
    expect(first).toMatchObject({
      kind: "found",
      extendedFrom: "acme/.github:.github/maestro.yml",
      parsed: { ok: true, score: { risk: { review_at: 10 } } },
    });
    expect(again.kind === "found" && again.parsed).toBe(first.kind === "found" && first.parsed);
    expect(changed).toMatchObject({ kind: "found", parsed: { ok: true, score: { risk: { review_at: 20 } } } });
  });

  it("regression: an alias bomb, in the score or in the org score it extends, is an invalid score at its line, not a crash of every command", async () => {
    const own = await loadRepoScore(octokit, repo, snapshot(ALIAS_BOMB), BASE_SHA);
    expect(own.kind === "found" && !own.parsed.ok && own.parsed.problems.map(formatScoreProblem)).toEqual([
      expect.stringMatching(/^\.github\/maestro\.yml:7:\d+: this alias brings the score to more than 200,000 values/),
    ]);
    orgScore(ALIAS_BOMB);
    const inherited = await loadRepoScore(octokit, repo, snapshot("version: 1\nextends: acme/.github\n"), BASE_SHA);
    expect(
      inherited.kind === "found" && !inherited.parsed.ok && inherited.parsed.problems.map(formatScoreProblem),
    ).toEqual([expect.stringMatching(/^acme\/\.github:\.github\/maestro\.yml:7:\d+: this alias brings the score/)]);
  });
});
