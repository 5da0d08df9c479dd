import { detectAgent } from "../../src/decide/detect-agent.js";
import { parseScore } from "../../src/score/parse-score.js";

const parsed = parseScore(`version: 1
agents:
  logins: ["copilot-swe-agent[bot]", "devin-ai-integration[bot]", "*[bot]"]
  branches: ["copilot/**", "codex/**"]
  labels: ["ai-generated"]
  human_prs: advise
`);
if (!parsed.ok) throw new Error("fixture score is invalid");
const score = parsed.score;

describe("detectAgent", () => {
  it.each([
    [
      { login: "copilot-swe-agent[bot]" },
      'author copilot-swe-agent[bot] matches agents.logins "copilot-swe-agent[bot]"',
    ],
    [{ login: "renovate[bot]" }, 'author renovate[bot] matches agents.logins "*[bot]"'],
    [{ login: "alice", branch: "codex/fix-login" }, 'branch codex/fix-login matches agents.branches "codex/**"'],
    [{ login: "alice", labels: ["bug", "AI-Generated"] }, 'label "AI-Generated" is in agents.labels'],
  ])("%j is an agent", (pr, reason) => {
    expect(detectAgent(score, pr)).toEqual({ agent: true, reason, policy: "enforce" });
  });

  it("a human gets the score's human_prs policy", () => {
    expect(detectAgent(score, { login: "alice", branch: "feature/x", labels: ["bug"] })).toEqual({
      agent: false,
      reason: "alice matches no agents: entry",
      policy: "advise",
    });
  });

  it("`[bot]` in a glob is a literal suffix, not a character class", () => {
    expect(detectAgent(score, { login: "robot" }).agent).toBe(false);
  });

  it("nothing known of the author: judged as an agent", () => {
    expect(detectAgent(score, undefined)).toMatchObject({ agent: true, policy: "enforce" });
  });
});
