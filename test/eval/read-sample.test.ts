import { readSample } from "../../eval/read-sample.js";
import { renderLlmReport } from "../../eval/render-llm-report.js";
import type { SampledCommit } from "../../eval/judged-commit.js";
import { parseScore } from "../../src/score/parse-score.js";
import { createRepo } from "../helpers/git-repo.js";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server.js";

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
afterEach(() => expect(server.invalidRequests).toEqual([]));

/** Four small commits, each changing one line of its own file; `bad` ones write `return true`. */
function sampleRepo() {
  const repo = createRepo();
  const files = ["a", "b", "c", "d"];
  repo.write(Object.fromEntries(files.map((f) => [`src/${f}.ts`, `export const ${f} = () => false;\n`])));
  repo.commit("initial");
  const commits: SampledCommit[] = files.map((f, i) => {
    const bad = i < 2;
    repo.write({ [`src/${f}.ts`]: `export const ${f} = () => ${bad ? "true" : "false && 1"};\n` });
    const sha = repo.commit(`change ${f}`);
    return { sha, date: "2026-01-01", subject: `change ${f}`, fixedBy: bad ? ["f1x"] : [], revertedBy: [] };
  });
  return { repo, commits };
}

describe("eval:llm's reading of a sample", () => {
  it("reads each commit with the second reader, and reports the AUC with and without it and the tokens per PR", async () => {
    const { repo, commits } = sampleRepo();
    // The model flags each change that makes a check always pass, at the line it quotes.
    server.setScript([
      (request) => {
        const text = JSON.stringify(request.body.messages);
        const hit = /src\/([a-d])\.ts[\s\S]*?=> true;/.exec(text);
        return {
          findings: hit
            ? [
                {
                  kind: "logic",
                  severity: "high",
                  file: `src/${hit[1]}.ts`,
                  line: 1,
                  explanation: "Always true.",
                  evidence: `export const ${hit[1]} = () => true;`,
                },
              ]
            : [],
          usage: { prompt_tokens: 1000, completion_tokens: 50 },
        };
      },
    ]);
    const parsed = parseScore("version: 1\n");
    if (!parsed.ok) throw new Error("invalid score");
    const { read, failed } = await readSample({
      repoDir: repo.dir,
      commits,
      score: parsed.score,
      apiKey: "test-key",
      baseURL: server.baseURL,
    });
    expect(failed).toEqual([]);
    expect(server.requests).toHaveLength(4);
    expect(read.map((c) => [c.rulesRisk, c.risk])).toEqual([
      [0, 20],
      [0, 20],
      [0, 0],
      [0, 0],
    ]);
    const report = renderLlmReport({ read, failed, header: "test", priceIn: 2, priceOut: 8 });
    expect(report).toContain("| fix-inducing | 2 / 2 | 0.50 (0.50–0.50) | 1.00 (1.00–1.00) |");
    expect(report).toContain("Answered: 4 of 4; unavailable: 0; skipped: 0; not opened: 0.");
    expect(report).toContain("Per answered PR: 1000 tokens in, 50 out");
    expect(report).toContain("$0.0024 per PR");
  });

  it("says why the reader was unavailable rather than counting it as no finding", async () => {
    const { repo, commits } = sampleRepo();
    const parsed = parseScore("version: 1\n");
    if (!parsed.ok) throw new Error("invalid score");
    const { read, failed } = await readSample({
      repoDir: repo.dir,
      commits: commits.slice(0, 1),
      score: parsed.score,
      apiKey: undefined,
      baseURL: server.baseURL,
    });
    const report = renderLlmReport({ read, failed, header: "test" });
    expect(report).toContain("Answered: 0 of 1; unavailable: 1");
    expect(report).toContain("- OPENAI_API_KEY is not set");
  });
});
