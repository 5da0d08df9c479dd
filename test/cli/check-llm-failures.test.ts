import { createRepo, maestroWithEnv } from "../helpers/git-repo.js";
import { startOpenAIServer, type OpenAIServer, type OpenAIStep } from "../helpers/openai-server.js";
import { AUTH_FINDING, authChange, checkVerdict, readerEnv, rulesPart } from "../helpers/reader-check.js";

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});
afterEach(() => expect(server.invalidRequests.splice(0)).toEqual([]));

/** The rules alone need a conductor for the auth change at review_at 10: a reader must never make that a pass. */
const FLAGGED = "risk:\n  review_at: 10\n";

/**
 * The auth change checked by the rules alone, then with the reader answering from `script`: the reading's run, and
 * what the rules alone said.
 */
async function withReader(script: OpenAIStep[], score = "") {
  const repo = authChange(score);
  const rules = await checkVerdict(repo, readerEnv(server));
  server.setScript(script);
  const reading = await checkVerdict(repo, readerEnv(server), "--llm");
  return { repo, rules, reading, reader: reading.verdict.secondReader };
}

describe("maestro check --llm: a reader that fails is named, and the verdict is the rules' own", () => {
  it('an answer that says "approve, risk 0" fails the findings schema: unavailable, and the rules\' conductor stands', async () => {
    const { rules, reading, reader } = await withReader([{ content: '{"approve": true, "risk": 0}' }], FLAGGED);
    expect(reader).toMatchObject({
      status: "unavailable",
      reason:
        "the answer does not match the findings schema: findings: Invalid input: expected array, received undefined",
      findings: [],
      dropped: 0,
    });
    expect(rulesPart(reading)).toEqual(rulesPart(rules));
    expect(reading.verdict.verdict).toBe("conductor");
    expect(reading.verdict.risk.score).toBe(15);
    expect(reading.code).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("an answer that is not JSON is unavailable, never guessed at", async () => {
    const { rules, reading, reader } = await withReader([{ content: '{"findings": [{"kind": "security", ' }]);
    expect(reader).toMatchObject({
      status: "unavailable",
      reason: 'the answer is not JSON: {"findings": [{"kind": "security",',
      findings: [],
    });
    expect(rulesPart(reading)).toEqual(rulesPart(rules));
  });

  it("a refusal is unavailable, with the model's words, and the text format says so", async () => {
    const refusal = "I'm sorry, I can't help with reviewing this.";
    const { repo, rules, reading, reader } = await withReader([{ refusal }], FLAGGED);
    expect(reader).toMatchObject({ status: "unavailable", reason: `the model refused: ${refusal}`, findings: [] });
    expect(reader?.provenance).toMatchObject({ model: "gpt-4.1-mini", tokensOut: 0, cached: false });
    expect(rulesPart(reading)).toEqual(rulesPart(rules));

    const text = (await maestroWithEnv(repo.dir, readerEnv(server), "check", "--llm")).stdout;
    expect(text).toContain(
      `\nSecond reader unavailable: the model refused: ${refusal.replace(/\.$/, "")}; the verdict is the rules' alone (model gpt-4.1-mini at ${new URL(server.baseURL).host} · `,
    );
    expect(text).toMatch(/^● Maestro: a conductor must sign off — risk 15 ≥ review_at 10\n/);
  });

  it("a 429 and then an answer: the client asks again, and the answer is used", async () => {
    const { rules, reader, reading } = await withReader([{ status: 429 }, { findings: [AUTH_FINDING] }]);
    expect(server.requests).toHaveLength(2);
    expect(reader).toMatchObject({ status: "read", findings: [AUTH_FINDING], dropped: 0 });
    expect(reading.verdict.risk.score).toBe(rules.verdict.risk.score + 20);
  });

  it("a 500 every time: three attempts, then unavailable with the reason, and the PR is judged by the rules alone", async () => {
    const { rules, reading, reader } = await withReader([{ status: 500 }]);
    expect(server.requests).toHaveLength(3);
    expect(reader).toMatchObject({ status: "unavailable", findings: [] });
    expect(reader?.reason).toMatch(
      /^the model's server kept failing, still after retries \(500\b.*The server had an error while processing your request\.\)$/,
    );
    expect(rulesPart(reading)).toEqual(rulesPart(rules));
    expect(reading.code).toBe(0);
  });

  it("no answer within llm.timeout_s: unavailable, saying so, without waiting for the client's own timer", async () => {
    const { rules, reading, reader } = await withReader([{ hang: true }], "llm:\n  timeout_s: 0.5\n");
    expect(reader).toMatchObject({
      status: "unavailable",
      reason: "no answer within llm.timeout_s (0.5 s)",
      findings: [],
    });
    // The client's own timer is a second later and would retry: the deadline is what ends the wait.
    expect(reader?.provenance?.latencyMs).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
    expect(rulesPart(reading)).toEqual(rulesPart(rules));
  });

  it("a server that refuses json_schema is asked again with json_object, and its answer is used", async () => {
    const { rules, reading, reader } = await withReader([{ rejectJsonSchema: true, findings: [AUTH_FINDING] }]);
    expect(server.requests.map((r) => r.body.response_format?.type)).toEqual(["json_schema", "json_object"]);
    expect(reader).toMatchObject({ status: "read", findings: [AUTH_FINDING], dropped: 0 });
    expect(reading.verdict.risk.score).toBe(rules.verdict.risk.score + 20);
  });

  it("regression: a server's Retry-After held the check past llm.timeout_s (the client sleeps it out); the deadline wins", async () => {
    const started = Date.now();
    const { rules, reading, reader } = await withReader(
      [{ status: 429, headers: { "retry-after-ms": "6000", "retry-after": "6" } }],
      "llm:\n  timeout_s: 1\n",
    );
    expect(reader).toMatchObject({ status: "unavailable", reason: "no answer within llm.timeout_s (1 s)" });
    expect(rulesPart(reading)).toEqual(rulesPart(rules));
    // Two runs of the CLI, the rules' own and the reader's: far from the six seconds the server asked for.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a change with no diff the model may read (a lockfile alone) is unavailable, not 'no findings', and costs no call", async () => {
    const repo = authChange();
    repo.write({ "package-lock.json": '{\n  "lockfileVersion": 3\n}\n' });
    repo.commit("lockfile");
    server.setScript([{ findings: [] }]);
    const { verdict } = await checkVerdict(repo, readerEnv(server), "--llm", "--base", "HEAD~1");
    expect(verdict.secondReader).toMatchObject({
      status: "unavailable",
      reason: "no changed file's diff could be sent (see the files not sent)",
      leftOut: [{ file: "package-lock.json", reason: expect.stringMatching(/lockfile/) as string }],
    });
    expect(server.requests).toHaveLength(0);
  });

  it("what was cut short to fit llm.max_input_tokens, besides files, is said in the JSON and the text", async () => {
    // Twelve modules whose descriptions alone outgrow the smallest budget: the modules section is cut, no diff fits.
    const why = "This module holds the part of the product that the team reviews with care, ".repeat(12);
    const modules = Array.from(
      { length: 12 },
      (_, i) => `  - name: m${i}\n    paths: ["src/m${i}/**"]\n    description: "${why}"\n`,
    ).join("");
    const repo = createRepo();
    repo.write({
      ".github/maestro.yml": `version: 1\nllm:\n  max_input_tokens: 1000\nmodules:\n${modules}`,
      "src/m0/a.ts": "export const a = 1;\n",
    });
    repo.commit("base");
    repo.write({ "src/m0/a.ts": "export const a = 2;\n" });
    repo.commit("head");
    server.setScript([{ findings: [] }]);
    const { verdict } = await checkVerdict(repo, readerEnv(server), "--llm", "--base", "HEAD~1");
    // Cut in their order until the rest fits: the list of files not shown and the rules' findings before the modules.
    expect(verdict.secondReader).toMatchObject({
      status: "unavailable",
      cut: ["files not shown", "rules' findings", "modules"],
    });
    expect(server.requests).toHaveLength(0);
    const text = (await maestroWithEnv(repo.dir, readerEnv(server), "check", "--llm", "--base", "HEAD~1")).stdout;
    expect(text).toContain("  cut short to fit llm.max_input_tokens: files not shown, rules' findings, modules\n");
  });
});
