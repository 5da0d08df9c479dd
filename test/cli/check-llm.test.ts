import { PROMPT_SHA256 } from "../../src/analyse/reader/index.js";
import { maestroWithEnv } from "../helpers/git-repo.js";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server.js";
import { AUTH_FINDING, authChange, checkVerdict, readerEnv, rulesPart } from "../helpers/reader-check.js";

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.setScript([{ findings: [] }]);
});
afterEach(() => expect(server.invalidRequests.splice(0)).toEqual([]));

const host = () => new URL(server.baseURL).host;

describe("maestro check --llm: what the second reader adds", () => {
  it("a verified finding adds its points at its file and line, with the answer's provenance, and the request held the diff", async () => {
    const repo = authChange();
    server.setScript([{ findings: [AUTH_FINDING], usage: { prompt_tokens: 1234, completion_tokens: 56 } }]);
    const rules = await checkVerdict(repo, readerEnv(server));
    expect(server.requests).toHaveLength(0);

    const { code, verdict } = await checkVerdict(repo, readerEnv(server), "--llm");

    expect(verdict.secondReader).toEqual({
      status: "read",
      findings: [AUTH_FINDING],
      dropped: 0,
      leftOut: [],
      cut: [],
      provenance: {
        model: "gpt-4.1-mini",
        host: host(),
        promptSha256: PROMPT_SHA256,
        tokensIn: 1234,
        tokensOut: 56,
        latencyMs: expect.any(Number) as number,
        cached: false,
      },
    });
    expect(PROMPT_SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(verdict.risk.signals).toContainEqual({
      id: "llm",
      points: 20,
      detail: "1 verified finding of the second reader: src/infra/auth.ts:2 (high security)",
      file: "src/infra/auth.ts",
      line: 2,
    });
    expect(verdict.risk.score).toBe(rules.verdict.risk.score + 20);
    expect(verdict.reasons).toEqual([`no blocking violation, risk ${verdict.risk.score} < review_at 40`]);
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const user = server.requests[0]?.body.messages.find((m) => m.role === "user");
    expect(user?.content).toContain("+ 2 |   if (!header) return true;\n");
    expect(user?.content).toContain("- 2 |   if (!header) return false;\n");
  });

  it("the text, Markdown and SARIF formats show the finding at its line", async () => {
    const repo = authChange();
    server.setScript([{ findings: [AUTH_FINDING], usage: { prompt_tokens: 1234, completion_tokens: 56 } }]);
    const env = readerEnv(server);

    const text = (await maestroWithEnv(repo.dir, env, "check", "--llm")).stdout.split("\n");
    expect(text).toContain("  +20 llm: 1 verified finding of the second reader: src/infra/auth.ts:2 (high security)");
    expect(text).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Second reader: 1 verified finding \\(model gpt-4\\.1-mini at ${host()} · prompt sha256 ${PROMPT_SHA256.slice(0, 12)} · 1,234 tokens in, 56 out · \\d+\\.\\d s\\)$`,
        ),
      ),
    );
    expect(text).toContain("  src/infra/auth.ts:2  high  security  A missing header is now let through.");

    const markdown = (await maestroWithEnv(repo.dir, env, "check", "--llm", "--format", "markdown")).stdout;
    expect(markdown).toContain(
      "### Second reader: 1 verified finding\n\n| | Kind | Where | What |\n|---|---|---|---|\n| 🔴 high | `security` | `src/infra/auth.ts:2` | A missing header is now let through. `if (!header) return true;` |\n",
    );
    expect(markdown).toContain(
      "| `llm` | 20 | 1 verified finding of the second reader: src/infra/auth.ts:2 (high security) |",
    );

    const sarif = JSON.parse((await maestroWithEnv(repo.dir, env, "check", "--llm", "--format", "sarif")).stdout) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0]?.results).toEqual([
      expect.objectContaining({
        ruleId: "second-reader",
        level: "error",
        message: { text: "high security: A missing header is now let through." },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: "src/infra/auth.ts", uriBaseId: "%SRCROOT%" },
              region: { startLine: 2, snippet: { text: "if (!header) return true;" } },
            },
          },
        ],
      }),
    ]);
    expect(server.requests).toHaveLength(3);
  });

  it("findings Maestro cannot verify are dropped and counted, and add no points", async () => {
    const repo = authChange();
    server.setScript([
      {
        findings: [
          // A line the file does not have.
          { ...AUTH_FINDING, line: 99 },
          // A changed line, but the quote is line 3's.
          { ...AUTH_FINDING, evidence: 'return header.startsWith("Bearer ")' },
          // Line 3 is shown for context: it is neither added nor removed.
          { ...AUTH_FINDING, line: 3, evidence: 'return header.startsWith("Bearer ")' },
          // A file in the repository that the change does not touch, quoted right.
          { ...AUTH_FINDING, file: "src/domain/rules.ts", line: 1, evidence: "export const MAX = 3;" },
          // The changed line's quote, given to a file the change does not touch.
          { ...AUTH_FINDING, file: "src/app/main.ts" },
        ],
      },
    ]);
    const rules = await checkVerdict(repo, readerEnv(server));

    const reading = await checkVerdict(repo, readerEnv(server), "--llm");

    expect(reading.verdict.secondReader).toMatchObject({ status: "read", findings: [], dropped: 5 });
    expect(rulesPart(reading)).toEqual(rulesPart(rules));
    expect(reading.verdict.risk.signals.map((s) => s.id)).not.toContain("llm");
    const text = (await maestroWithEnv(repo.dir, readerEnv(server), "check", "--llm")).stdout;
    expect(text).toContain(
      "\nSecond reader: 0 verified findings, 5 dropped (not in the change, or past the first 20) (model gpt-4.1-mini",
    );
    const markdown = (await maestroWithEnv(repo.dir, readerEnv(server), "check", "--llm", "--format", "markdown"))
      .stdout;
    expect(markdown).toContain(
      "### Second reader: no findings\n\n5 findings dropped: the file, the line or the quote is not in the change, or past the first 20 kept.\n",
    );
  });

  it("llm.enabled in the score asks the reader without --llm; with neither, no request and no secondReader", async () => {
    const enabled = authChange("llm:\n  enabled: true\n");
    const asked = await checkVerdict(enabled, readerEnv(server));
    expect(asked.verdict.secondReader).toMatchObject({ status: "read", findings: [], dropped: 0 });
    expect(server.requests).toHaveLength(1);

    server.requests.length = 0;
    const off = authChange();
    const { verdict } = await checkVerdict(off, readerEnv(server));
    expect(verdict).not.toHaveProperty("secondReader");
    expect((await maestroWithEnv(off.dir, readerEnv(server), "check")).stdout).not.toContain("Second reader");
    expect(server.requests).toHaveLength(0);
  });

  it("llm.when: risky does not ask about a change whose rules' risk is below half of review_at, and says so", async () => {
    const low = authChange("llm:\n  when: risky\n");
    const { verdict } = await checkVerdict(low, readerEnv(server), "--llm");
    const reason = "the rules' risk 15 is below half of review_at (20), and llm.when is risky";
    expect(verdict.secondReader).toEqual({ status: "skipped", reason, findings: [], dropped: 0, leftOut: [], cut: [] });
    expect((await maestroWithEnv(low.dir, readerEnv(server), "check", "--llm")).stdout).toContain(
      `\nSecond reader: not asked: ${reason}\n`,
    );
    expect(server.requests).toHaveLength(0);

    // At half of review_at exactly (15 of 30), the change is risky enough to ask about.
    const risky = authChange("risk:\n  review_at: 30\nllm:\n  when: risky\n");
    expect((await checkVerdict(risky, readerEnv(server), "--llm")).verdict.secondReader?.status).toBe("read");
    expect(server.requests).toHaveLength(1);
  });

  it("without OPENAI_API_KEY the reader is unavailable and says so, and the exit code is the rules' own", async () => {
    const noKey = { OPENAI_BASE_URL: server.baseURL };
    const passing = authChange();
    const passed = await checkVerdict(passing, noKey, "--llm");
    expect(passed.verdict.secondReader).toEqual({
      status: "unavailable",
      reason: "OPENAI_API_KEY is not set",
      findings: [],
      dropped: 0,
      leftOut: [],
      cut: [],
    });
    expect(rulesPart(passed)).toEqual(rulesPart(await checkVerdict(passing, noKey)));
    expect(passed.code).toBe(0);

    const flagged = authChange("risk:\n  review_at: 10\n");
    const run = await checkVerdict(flagged, noKey, "--llm");
    expect(run.verdict.secondReader?.reason).toBe("OPENAI_API_KEY is not set");
    expect(rulesPart(run)).toEqual(rulesPart(await checkVerdict(flagged, noKey)));
    expect(run.code).toBe(1);
    expect((await maestroWithEnv(flagged.dir, noKey, "check", "--llm")).stdout).toContain(
      "\nSecond reader unavailable: OPENAI_API_KEY is not set; the verdict is the rules' alone\n",
    );
    expect(server.requests).toHaveLength(0);
  });
});
