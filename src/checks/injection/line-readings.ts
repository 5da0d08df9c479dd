import { baseName } from "../file-kinds.js";
import type { LineKind } from "./injection-phrases.js";

/** One part of a line and how it is read: a comment is prose even in the middle of code. */
export interface LineReading {
  readonly text: string;
  readonly kind: LineKind;
}

/** Files of prose: every line is written for a reader. */
const PROSE_FILE = /\.(?:md|markdown|mdx|mdown|txt|text|rst|adoc|asciidoc|org)$/i;
/** README, CONTRIBUTING, NOTES: prose without an extension. */
const PROSE_NAME = /^[A-Z][A-Z_-]+$/;

/**
 * Files that are prompts, or that build them: agent instructions (Cursor's `.cursorrules` and `.mdc` rules, Copilot's
 * `.instructions.md`, chat templates in Jinja), and any file whose path names AI, a model's vendor, a chat or a prompt
 * (`AGENTS.md`, `CLAUDE.md`, theia's `packages/ai-ide/`, a `promptTemplates.ts`, Maestro's own `src/llm/`). Telling a
 * model "you are an assistant", or writing `<|im_start|>`, is their job.
 */
const PROMPT_NAME = /^\.cursorrules$|\.(?:mdc|instructions\.md|jinja2?|j2)$/i;
const PROMPT_FOLDER = /(?:^|\/)\.(?:github\/(?:prompts|instructions)|cursor|claude)\//;
const PROMPT_WORD =
  /^(?:ai|llms?|prompts?|prompttemplates?|chat|agents?|assistants?|gpt|openai|anthropic|claude|gemini|ollama|llama|llamafile|mistral|huggingface|copilot|mcp|completions?)$/;

/** A comment starting the line: `//`, `/*`, ` * `, `#`, `<!--`, `-- `, `;`, a Python docstring. */
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#|<!--|--\s|;|"""|''')/;
/** A comment after code: ` // …` or ` # …`, preceded by a space so that `http://` and `'#fff'` are not. */
const TRAILING_COMMENT = /\s(?:\/\/|#)\s(.*)$/;

/** How a line of `path` is read for injection phrases: as a prompt, as prose, or as code with its trailing comment. */
export function lineReadings(path: string, text: string): LineReading[] {
  if (isPromptFile(path)) return [{ text, kind: "prompt" }];
  const name = baseName(path);
  if (PROSE_FILE.test(name) || PROSE_NAME.test(name) || COMMENT_LINE.test(text)) return [{ text, kind: "prose" }];
  const comment = TRAILING_COMMENT.exec(text)?.[1];
  return comment === undefined
    ? [{ text, kind: "code" }]
    : [
        { text, kind: "code" },
        { text: comment, kind: "prose" },
      ];
}

function isPromptFile(path: string): boolean {
  if (PROMPT_NAME.test(baseName(path)) || PROMPT_FOLDER.test(path)) return true;
  // `aiService.ts`, `chat-model.ts`, `packages/ai-ide/`: camelCase humps and separators split the words.
  const words = path.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[\s/._-]+/);
  return words.some((word) => PROMPT_WORD.test(word.toLowerCase()));
}
