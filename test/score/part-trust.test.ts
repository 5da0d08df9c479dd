import { parseScore } from "../../src/score/parse-score.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";

/** `agents.parts[].trust` in the score: what would never apply is said, with file, line and column. */
const messages = (text: string) => parseScore(text).problems.map(formatScoreProblem);

const score = (podium: string, trust: string) => `version: 1
${podium}modules:
  - name: ui
    paths: ["src/ui/**"]
agents:
  parts:
    - name: codex
      logins: ["codex[bot]"]
      modules: [ui]
      trust:
${trust}`;

describe("a part's trust", () => {
  it("reads with its defaults when the podium is on", () => {
    const parsed = parseScore(score("podium: true\n", "        review_at: 25\n        max_block_rate: 0.3\n"));
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.score.agents.parts[0]?.trust).toEqual({
      review_at: 25,
      max_block_rate: 0.3,
      min_prs: 5,
    });
  });

  it("is an error without the podium, which keeps the record it reads", () => {
    const text = score("", "        review_at: 25\n        max_block_rate: 0.3\n");
    expect(parseScore(text).ok).toBe(false);
    expect(messages(text)).toEqual([
      '.github/maestro.yml:11:9: agents.parts[0].trust: part "codex" has trust, which reads its record on the podium, but the podium is off: set `podium: true`',
    ]);
    expect(
      parseScore(score("podium: { enabled: false }\n", "        review_at: 25\n        max_block_rate: 0.3\n")).ok,
    ).toBe(false);
  });

  it("is an error with no limit to exceed, and a warning when it cannot lower review_at", () => {
    expect(messages(score("podium: true\n", "        review_at: 25\n"))).toEqual([
      '.github/maestro.yml:12:9: agents.parts[0].trust: part "codex"\'s trust has no limit: give it max_block_rate, max_override_rate or both',
    ]);
    const high = score("podium: true\n", "        review_at: 40\n        max_override_rate: 0.1\n");
    expect(parseScore(high).ok).toBe(true);
    expect(messages(high)).toEqual([
      ".github/maestro.yml:12:20: warning: agents.parts[0].trust.review_at: trust.review_at (40) is not below review_at (40): it can never lower it, so it changes nothing",
    ]);
  });
});
