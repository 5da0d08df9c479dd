import { places, plural } from "../evidence-text.js";
import { baseName } from "../file-kinds.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Instruction files coding agents read at any depth: a nested `AGENTS.md` speaks for its folder. */
const INSTRUCTION_NAME = /^(?:AGENTS?|CLAUDE|GEMINI)\.md$/i;
/**
 * Where Copilot (`.github/copilot-instructions.md`, `instructions/`, `prompts/`, `agents/`, `chatmodes/`), Cursor,
 * Windsurf, Cline, Claude Code, Junie and Gemini keep what they are told, and which tools they may run.
 */
const INSTRUCTION_PATH =
  /^\.github\/(?:copilot-instructions\.md$|(?:instructions|prompts|agents|chatmodes)\/)|(?:^|\/)(?:\.cursorrules$|\.windsurfrules$|\.clinerules(?:$|\/)|\.(?:cursor|windsurf)\/rules\/|\.claude\/|\.junie\/guidelines\.md$|\.gemini\/)/;

/** Whether coding agents read `path` as instructions. */
export function isAgentInstructions(path: string): boolean {
  return INSTRUCTION_NAME.test(baseName(path)) || INSTRUCTION_PATH.test(path);
}

/**
 * The change rewrites what coding agents are told: every later agent PR follows it, so a person must agree, as with
 * the score. Read even where `ignore` matches (the starter score ignores `.*`/ folders, `.github/` among them).
 */
export const agentInstructions = defineSignal({
  id: "agent-instructions",
  // Policy, not fitted: the training window (theia, 2023–2024) has no such change. In the held-out window two of the
  // eight reverted commits rewrote Copilot's instructions, which is how this signal was noticed; docs/risk.md says so.
  points: 25,
  explanation: {
    title: "Agent instructions changed",
    meaning:
      "The change edits a file coding agents read as instructions (`AGENTS.md`, `CLAUDE.md`, `GEMINI.md`, `.github/copilot-instructions.md`, `.github/instructions/`, `.github/prompts/`, `.github/agents/`, `.github/chatmodes/`, `.cursorrules`, `.cursor/rules/`, `.windsurfrules`, `.clinerules`, `.claude/`, `.junie/guidelines.md`, `.gemini/`), ignored or not; every later agent PR follows what it says, so a conductor must agree.",
    fix: "Change agent instructions in their own PR, reviewed by a conductor.",
  },
  evaluate({ files }) {
    const evidence: Evidence[] = files
      .filter(
        (f) => isAgentInstructions(f.path) || (f.previousPath !== undefined && isAgentInstructions(f.previousPath)),
      )
      .map((f) => ({ file: f.path, what: f.status }));
    if (evidence.length === 0) return undefined;
    return {
      strength: 1,
      detail: `changes what coding agents are told: ${plural(evidence.length, "instructions file")}, ${places(evidence)}`,
      evidence,
    };
  },
  conductorReasons: (evidence) => [
    `changes agent instructions (${places(evidence.map(({ file }) => ({ file, what: "" })))}): a conductor must agree to what coding agents are told`,
  ],
});
