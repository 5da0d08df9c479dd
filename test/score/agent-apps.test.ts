import { parseScore } from "../../src/score/parse-score.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";

/** `apps` in `agents:` and in each part: GitHub Apps by slug or id, checked as strictly as logins. */
const messages = (text: string) => parseScore(text).problems.map(formatScoreProblem);

const MODULES = `version: 1
modules:
  - name: ui
    paths: ["src/ui/**"]
  - name: app
    paths: ["src/app/**"]
`;

describe("apps in the score", () => {
  it("reads slugs and numeric ids; a score without apps reads as before", () => {
    const parsed = parseScore(`${MODULES}agents:
  apps: [renovate]
  parts:
    - name: copilot
      apps: [198982749, copilot-swe-agent]
      modules: [ui]
`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.score.agents.apps).toEqual(["renovate"]);
    expect(parsed.ok && parsed.score.agents.parts[0]?.apps).toEqual([198982749, "copilot-swe-agent"]);
    const without = parseScore(MODULES);
    expect(without.ok && "apps" in without.score.agents).toBe(false);
  });

  it("a part named only by its apps matches PRs: no 'matches no PR' error", () => {
    expect(
      messages(`${MODULES}agents:\n  parts:\n    - name: copilot\n      apps: [198982749]\n      modules: [ui]\n`),
    ).toEqual([]);
  });

  it("refuses the same app in two parts, an id written the other way round included, at the second", () => {
    const text = `${MODULES}agents:
  parts:
    - name: copilot
      apps: [copilot-swe-agent, 198982749]
      modules: [ui]
    - name: copilot-app
      apps: [Copilot-SWE-Agent, 198982749]
      modules: [app]
`;
    expect(parseScore(text).ok).toBe(false);
    expect(messages(text)).toEqual([
      '.github/maestro.yml:13:14: agents.parts[1].apps[0]: "Copilot-SWE-Agent" is also in part "copilot" (agents.parts[0].apps): overlapping parts; a PR plays one part, so give each agent its own apps',
      '.github/maestro.yml:13:33: agents.parts[1].apps[1]: 198982749 is also in part "copilot" (agents.parts[0].apps): overlapping parts; a PR plays one part, so give each agent its own apps',
    ]);
  });

  it("refuses an empty slug, a bot's login for a slug, an id in quotes and a slug with other characters, with line and column", () => {
    const text = `${MODULES}agents:
  apps: ["devin-ai-integration[bot]"]
  parts:
    - name: copilot
      apps: ["", "198982749", "copilot swe", 0]
      modules: [ui]
`;
    expect(parseScore(text).ok).toBe(false);
    expect(messages(text)).toEqual([
      ".github/maestro.yml:11:14: agents.parts[0].apps[0]: Too small: expected string to have >=1 characters",
      ".github/maestro.yml:11:46: agents.parts[0].apps[3]: Too small: expected number to be >=1",
    ]);
    // Past the schema, the rest is said with what to write instead.
    const semantic = `${MODULES}agents:
  apps: ["devin-ai-integration[bot]"]
  parts:
    - name: copilot
      apps: ["198982749", "copilot swe"]
      modules: [ui]
`;
    expect(messages(semantic)).toEqual([
      '.github/maestro.yml:8:10: agents.apps[0]: "devin-ai-integration[bot]" is a bot\'s login: an app is its slug, "devin-ai-integration", or its id',
      '.github/maestro.yml:11:14: agents.parts[0].apps[0]: "198982749" is an id written as a string: write it as a number, 198982749',
      ".github/maestro.yml:11:27: agents.parts[0].apps[1]: \"copilot swe\" is not an app slug: a slug is letters, digits, '-' and '_'",
    ]);
  });
});
