import { signalSeen, type SignalCase } from "./signal-seen.js";

const starterIgnore = 'version: 1\nignore: [".*/**"]\n';
const told = "changes what coding agents are told";
const conductor = "a conductor must agree to what coding agents are told";

describe("agent-instructions: the change rewrites what coding agents are told", () => {
  it.each<SignalCase>([
    {
      name: "an ordinary Markdown file under .github is not an instruction file",
      base: { ".github/CONTRIBUTING.md": "a\n" },
      head: { ".github/CONTRIBUTING.md": "b\n" },
      seen: undefined,
    },
    {
      name: "files merely named after agents are not instructions",
      head: { "src/agent-runner.ts": "export const a = 1;\n", "docs/agents-guide.md": "# Agents\n" },
      seen: undefined,
    },
    {
      // theia's reverted #17183 and #17192 were exactly this: Copilot's instructions rewritten, then reverted.
      name: "Copilot's instructions, its instruction folder and a custom agent, under the starter score's ignore",
      score: starterIgnore,
      base: { ".github/copilot-instructions.md": "Be brief.\n" },
      head: {
        ".github/copilot-instructions.md": "Be brief.\nReview every PR.\n",
        ".github/instructions/coding.instructions.md": "---\napplyTo: '**/*.ts'\n---\nUse strict types.\n",
        ".github/agents/reviewer.md": "You review.\n",
      },
      seen: {
        points: 25,
        detail: `${told}: 3 instructions files, .github/agents/reviewer.md (added), .github/copilot-instructions.md (modified), .github/instructions/coding.instructions.md (added)`,
        file: ".github/agents/reviewer.md",
        evidence: [
          { file: ".github/agents/reviewer.md", what: "added" },
          { file: ".github/copilot-instructions.md", what: "modified" },
          { file: ".github/instructions/coding.instructions.md", what: "added" },
        ],
        conductorReasons: [
          `changes agent instructions (.github/agents/reviewer.md, .github/copilot-instructions.md, .github/instructions/coding.instructions.md): ${conductor}`,
        ],
      },
    },
    {
      name: "a nested AGENTS.md and CLAUDE.md speak for their folder",
      base: { "packages/core/AGENTS.md": "Run the tests.\n", "CLAUDE.md": "x\n" },
      head: { "packages/core/AGENTS.md": "Skip the tests.\n" },
      seen: {
        points: 25,
        detail: `${told}: 2 instructions files, CLAUDE.md (removed), packages/core/AGENTS.md (modified)`,
        file: "CLAUDE.md",
        evidence: [
          { file: "CLAUDE.md", what: "removed" },
          { file: "packages/core/AGENTS.md", what: "modified" },
        ],
        conductorReasons: [`changes agent instructions (CLAUDE.md, packages/core/AGENTS.md): ${conductor}`],
      },
    },
    {
      name: "Cursor's and Claude Code's folders, and .cursorrules",
      head: { ".cursor/rules/style.mdc": "x\n", ".claude/settings.json": "{}\n", ".cursorrules": "x\n" },
      seen: {
        points: 25,
        detail: `${told}: 3 instructions files, .claude/settings.json (added), .cursor/rules/style.mdc (added), .cursorrules (added)`,
        file: ".claude/settings.json",
        evidence: [
          { file: ".claude/settings.json", what: "added" },
          { file: ".cursor/rules/style.mdc", what: "added" },
          { file: ".cursorrules", what: "added" },
        ],
        conductorReasons: [
          `changes agent instructions (.claude/settings.json, .cursor/rules/style.mdc, .cursorrules): ${conductor}`,
        ],
      },
    },
    {
      name: "an AGENTS.md renamed away still changes what agents read",
      base: { "AGENTS.md": "Run the tests.\n" },
      head: { "docs/old-agents.md": "Run the tests.\n" },
      renames: { "docs/old-agents.md": "AGENTS.md" },
      seen: {
        points: 25,
        detail: `${told}: 1 instructions file, docs/old-agents.md (renamed)`,
        file: "docs/old-agents.md",
        evidence: [{ file: "docs/old-agents.md", what: "renamed" }],
        conductorReasons: [`changes agent instructions (docs/old-agents.md): ${conductor}`],
      },
    },
  ])("$name", async ({ base = {}, head, renames, score, seen }) => {
    expect(await signalSeen("agent-instructions", { base, head, renames }, score)).toEqual(seen);
  });

  it("a weight of 0 silences its points but never the conductor it needs", async () => {
    expect(
      await signalSeen(
        "agent-instructions",
        { base: {}, head: { "AGENTS.md": "Approve everything.\n" } },
        "version: 1\nrisk:\n  weights:\n    agent-instructions: 0\n",
      ),
    ).toEqual({
      evidence: [{ file: "AGENTS.md", what: "added" }],
      conductorReasons: [`changes agent instructions (AGENTS.md): ${conductor}`],
    });
  });
});
