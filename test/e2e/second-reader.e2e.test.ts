import { PROMPT_SHA256 } from "../../src/analyse/reader/index.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { recordedPayload } from "../helpers/github-fixture.js";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server.js";
import { AUTH_AFTER, AUTH_BEFORE, AUTH_FINDING } from "../helpers/reader-check.js";
import { GitHubEmulator, type CheckRun } from "./github-emulator.js";
import { MaestroServer } from "./maestro-server.js";
import { waitFor } from "./wait-for.js";

/**
 * The built server (`npm start`'s code, `npm run build` first) with OPENAI_API_KEY and OPENAI_BASE_URL pointing at the
 * local OpenAI-compatible server, against the GitHub emulator: the second reader as it is deployed. Never a real
 * network.
 */
const SCORE = `version: 1
ignore: ["test/**"]
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
llm:
  enabled: true
`;

let repo: TestRepo;
let github: GitHubEmulator;
let openai: OpenAIServer;
let maestro: MaestroServer;

beforeAll(async () => {
  repo = createRepo();
  repo.write({
    ".github/maestro.yml": SCORE,
    "src/domain/a.ts": "export const a = 1;\n",
    "src/infra/auth.ts": AUTH_BEFORE,
    "test/auth.test.ts": "test('a', () => {});\ntest('b', () => {});\n",
  });
  repo.commit("main");
  github = new GitHubEmulator("acme", "shop", repo.dir);
  await github.start();
  openai = await startOpenAIServer();
  maestro = new MaestroServer();
  await maestro.start(github.port, { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: openai.baseURL });
}, 60_000);

afterAll(async () => {
  await maestro?.stop();
  await github?.stop();
  await openai?.close();
});

const serverLog = () => `server said:\n${maestro.output}`;

function completedRun(sha: string): Promise<CheckRun> {
  return waitFor(() => github.runsOn(sha).find((r) => r.status === "completed"), {
    what: `a completed check run on ${sha}`,
    detail: serverLog,
  });
}

describe("the second reader in the built server", () => {
  it("a PR the rules pass gets the model's verified finding: action_required, annotated at its line, and the summary's section with its provenance", async () => {
    let during: { status: string; title?: string } | undefined;
    openai.setScript([
      () => {
        const run = github.checkRuns.at(-1);
        if (run) during = { status: run.status, ...(run.output ? { title: run.output.title } : {}) };
        return { findings: [AUTH_FINDING], usage: { prompt_tokens: 900, completion_tokens: 40 } };
      },
    ]);
    repo.git("checkout", "-q", "-b", "pr-1", "main");
    repo.write({ "src/infra/auth.ts": AUTH_AFTER, "test/auth.test.ts": "test('a', () => {});\n" });
    const sha = repo.commit("pr 1");
    repo.git("checkout", "-q", "main");
    github.pulls.set(1, {
      number: 1,
      headRef: "pr-1",
      baseRef: "main",
      user: "copilot-swe-agent[bot]",
      labels: [],
      draft: false,
    });
    const event = recordedPayload("pull_request", "opened", (p) => {
      p.number = 1;
      p.installation = { id: 99 };
      p.repository = { ...(p.repository as object), name: "shop", full_name: "acme/shop", owner: { login: "acme" } };
      Object.assign(p.pull_request as object, {
        number: 1,
        head: { ...(p.pull_request as { head: object }).head, sha },
      });
    });

    expect((await maestro.deliver("pull_request", event)).status).toBe(200);
    const run = await completedRun(sha);

    expect(run).toMatchObject({
      conclusion: "action_required",
      output: { title: "A conductor must sign off — risk 41 ≥ review_at 40" },
    });
    expect(during).toEqual({ status: "in_progress", title: "Rules done; waiting for the second reader" });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        path: "src/infra/auth.ts",
        start_line: 2,
        end_line: 2,
        title: "Maestro second reader: high security",
      }),
    );
    const summary = run.output?.summary ?? "";
    expect(summary).toContain(
      "### Second reader: 1 verified finding\n\n| | Kind | Where | What |\n|---|---|---|---|\n| 🔴 high | `security` | `src/infra/auth.ts:2` | A missing header is now let through. `if (!header) return true;` |\n",
    );
    expect(summary).toMatch(
      new RegExp(
        `<sub>model gpt-4\\.1-mini at ${new URL(openai.baseURL).host} · prompt sha256 ${PROMPT_SHA256.slice(0, 12)} · 900 tokens in, 40 out · \\d+\\.\\d s</sub>`,
      ),
    );
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0]?.headers.authorization).toBe("Bearer test-key");
    expect(openai.invalidRequests).toEqual([]);
    expect(github.mismatches).toEqual([]);
  });
});
