import { parseScore } from "../../src/score/parse-score.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";

const messages = (text: string) => parseScore(text).problems.map(formatScoreProblem);

const MODULES = `version: 1
modules:
  - name: ui
    paths: ["src/ui/**"]
  - name: app
    paths: ["src/app/**"]
`;

describe("agents.parts in the score", () => {
  it("reads a part with its defaults", () => {
    const parsed = parseScore(
      `${MODULES}agents:\n  parts:\n    - name: copilot\n      logins: ["Copilot"]\n      modules: [ui]\n`,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.score.agents.parts).toEqual([
      { name: "copilot", logins: ["Copilot"], branches: [], labels: [], modules: ["ui"] },
    ]);
  });

  it("names file, line, column and key path of an unknown module in a part", () => {
    const text = `${MODULES}agents:\n  parts:\n    - name: copilot\n      logins: ["Copilot"]\n      modules: [ui, apps]\n`;
    expect(parseScore(text).ok).toBe(false);
    expect(messages(text)).toEqual([
      '.github/maestro.yml:11:21: agents.parts[0].modules[1]: unknown module "apps" (modules: "ui", "app")',
    ]);
  });

  it("refuses two parts with the same login, written with another case, at the second", () => {
    const text = `${MODULES}agents:
  parts:
    - name: copilot
      logins: ["copilot-swe-agent[bot]"]
      modules: [ui]
    - name: copilot-app
      logins: ["Copilot", "Copilot-SWE-Agent[bot]"]
      modules: [app]
`;
    expect(parseScore(text).ok).toBe(false);
    expect(messages(text)).toEqual([
      '.github/maestro.yml:13:27: agents.parts[1].logins[1]: "Copilot-SWE-Agent[bot]" is also in part "copilot" (agents.parts[0].logins): overlapping parts; a PR plays one part, so give each agent its own logins',
    ]);
  });

  it("refuses two parts with the same branch glob", () => {
    const text = `${MODULES}agents:
  parts:
    - name: a
      branches: ["agent/**"]
      modules: [ui]
    - name: b
      branches: ["agent/**"]
      modules: [app]
`;
    expect(messages(text)).toEqual([
      '.github/maestro.yml:13:18: agents.parts[1].branches[0]: "agent/**" is also in part "a" (agents.parts[0].branches): overlapping parts; a PR plays one part, so give each agent its own branches',
    ]);
  });

  it("refuses a duplicate part name, and a part that matches no PR", () => {
    const text = `${MODULES}agents:
  parts:
    - name: a
      labels: ["agent:a"]
      modules: [ui]
    - name: a
      modules: [app]
`;
    expect(messages(text)).toEqual([
      '.github/maestro.yml:12:13: agents.parts[1].name: duplicate part "a" (also agents.parts[0])',
      '.github/maestro.yml:12:13: agents.parts[1].name: part "a" matches no PR: give it logins, branches, labels or apps',
    ]);
  });

  it("refuses a part with no modules, and checks a part's globs like any other", () => {
    const text = `${MODULES}agents:\n  parts:\n    - name: a\n      branches: ["./agent/**"]\n      modules: []\n`;
    expect(parseScore(text).ok).toBe(false);
    expect(messages(text).join("\n")).toContain("agents.parts[0].modules: a part needs at least one module");
    const globs = `${MODULES}agents:\n  parts:\n    - name: a\n      branches: ["./agent/**"]\n      modules: [ui]\n`;
    expect(messages(globs)).toEqual([
      '.github/maestro.yml:10:18: agents.parts[0].branches[0]: "./agent/**" starts with "./", which never matches: write "agent/**"',
    ]);
  });

  it("warns that a max_risk at or above review_at changes nothing", () => {
    const text = `${MODULES}agents:\n  parts:\n    - name: a\n      logins: ["a[bot]"]\n      modules: [ui]\n      max_risk: 40\n`;
    const parsed = parseScore(text);
    expect(parsed.ok).toBe(true);
    expect(messages(text)).toEqual([
      ".github/maestro.yml:12:17: warning: agents.parts[0].max_risk: max_risk (40) is not below review_at (40): a conductor signs off from review_at anyway, so it changes nothing",
    ]);
  });
});
