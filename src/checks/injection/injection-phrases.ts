/**
 * Where a line of text sits, which decides the phrases it is read for: `prose` is written for a reader (the PR's title
 * and body, a Markdown line, a comment); `code` is any other line; `prompt` is a line of a file that is itself a
 * prompt (an AI product's templates, an `AGENTS.md`), where telling a model what it is, is the file's job.
 */
export type LineKind = "prose" | "code" | "prompt";

interface Phrase {
  /** What the evidence says: Maestro's words, never the text's (the verdict reaches the second reader's prompt). */
  readonly label: string;
  readonly pattern: RegExp;
  /** The line kinds the phrase is read in: the narrower, the more ordinary text it would otherwise match. */
  readonly in: readonly LineKind[];
}

const EVERYWHERE: readonly LineKind[] = ["prose", "code", "prompt"];
/** Not in prompt files: an AI product's code and templates write chat tokens as a matter of course. */
const OUTSIDE_PROMPTS: readonly LineKind[] = ["prose", "code"];
/** Only where text is addressed to a reader: in code, `risk: 0` or `approve this change` are ordinary strings and values. */
const PROSE: readonly LineKind[] = ["prose"];

const AI = String.raw`(?:ai|llms?|large\s+language\s+models?|language\s+models?|chatgpt|gpt(?:-?\d\w*)?|claude|gemini|copilot)`;
const PR = String.raw`(?:pr|pull\s+request|merge\s+request|mr|change(?:set|s)?|diff|patch|commit)`;

/**
 * Phrases aimed at reviewers or models, by family. Each is a phrase addressed to a reader, never a single word: an
 * identifier (`systemPrompt`, `ignorePrevious`) has no spaces, and "ignore the previous value" or "the system prompt
 * the user configured" are ordinary comments.
 */
const PHRASES: readonly Phrase[] = [
  {
    label: "asks to ignore previous instructions",
    pattern: new RegExp(
      String.raw`\b(?:ignore|disregard|forget)\s+(?:(?:all|any|the|your|my|these|those|every)\s+)*(?:previous|prior|above|earlier|preceding|foregoing|former)\s+(?:instructions?|prompts?|directives?|directions)\b` +
        String.raw`|\bdisregard\b[^.!?\n]{0,40}\binstructions\b` +
        String.raw`|\b(?:ignore|disregard|forget)\s+(?:all\s+)?your\s+(?:system\s+prompt|(?:previous\s+|original\s+)?instructions|guidelines)\b`,
      "i",
    ),
    in: EVERYWHERE,
  },
  {
    label: "addressed to an AI reader",
    pattern: new RegExp(
      String.raw`\bnote\s+to\s+(?:the\s+|any\s+|all\s+)?(?:${AI}|models?|(?:ai|automated|llm)\s+(?:reviewers?|assistants?|agents?))\b` +
        String.raw`|\bif\s+you\s+are\s+(?:an?\s+)?(?:${AI}|(?:ai|automated|llm)\s+(?:reviewer|assistant|agent|model))\b` +
        String.raw`|^[\s/*#<!\-"'>]*(?:dear\s+|attention\s+|hey\s+)?(?:ai|llm|automated)\s+(?:reviewers?|reviewing\s+(?:agents?|models?))\s*[:,]`,
      "i",
    ),
    in: EVERYWHERE,
  },
  {
    label: "marks a fake system prompt",
    pattern: /\b(?:begin|start|end)\s+(?:of\s+)?(?:the\s+)?system\s+(?:prompt|message|instructions)\b/i,
    in: EVERYWHERE,
  },
  {
    label: "holds a chat-template token",
    // `</s>` alone is HTML's strikethrough: only next to `[INST]` is it Llama's, and `[INST]` is caught.
    pattern:
      /<\|(?:im_start|im_end|im_sep|endoftext|begin_of_text|start_header_id|end_header_id|eot_id|system|user|assistant)\|>|\[\/?INST\]|<<\/?SYS>>/,
    in: OUTSIDE_PROMPTS,
  },
  {
    label: "tells a model what it is",
    pattern: new RegExp(
      String.raw`(?<!\bif\s+)\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:(?:helpful|honest|harmless|friendly|new|different|unrestricted|expert|senior|code|review(?:ing)?)\s+)*(?:${AI}|assistant)\b` +
        String.raw`|\bas\s+an?\s+(?:ai|large)\s+language\s+model\b` +
        String.raw`|\b(?:reveal|print|repeat|leak|show\s+me)\s+your\s+(?:system\s+prompt|instructions)\b`,
      "i",
    ),
    in: PROSE,
  },
  {
    label: "asks for approval",
    pattern: new RegExp(
      String.raw`\bapprove\s+this\s+${PR}\b` +
        String.raw`|\byou\s+(?:must|should|will|can)\s+(?:now\s+|simply\s+|just\s+)?approve\b` +
        String.raw`|\blgtm\b[\s,.!:;-]*(?:and\s+)?(?:merge|approve|ship)\b` +
        String.raw`|\b(?:respond|reply|answer|say|output)\s+(?:only\s+)?(?:with\s+)?["'\u201c\`]?(?:lgtm|approved?)\b`,
      "i",
    ),
    in: PROSE,
  },
  {
    label: "asks for a low risk",
    pattern: new RegExp(
      String.raw`\b(?:set|report|give|assign|rate|score|output)\s+(?:(?:the|this|a|its|it)\s+)*(?:${PR}\s+)?(?:an?\s+)?risk(?:\s+score)?\s*(?:of|to|at|as|=|:)?\s*(?:0|zero|none)\b(?![.,/]\d)` +
        String.raw`|\brisk(?:\s+score)?\s*(?:=|:|\s+is|\s+should\s+be|\s+must\s+be)\s*(?:0|zero)\b(?![.,/]\d)` +
        String.raw`|\b(?:mark|classify|label|rate)\s+(?:this|it)\s+as\s+(?:safe|low[-\s]risk|risk[-\s]free|harmless|benign)\b` +
        String.raw`|\b(?:mark|classify|label|rate|treat|consider)\s+(?:this|the)\s+${PR}\s+as\s+(?:safe|low[-\s]risk|risk[-\s]free|harmless|benign|approved)\b`,
      "i",
    ),
    in: PROSE,
  },
  {
    label: "asks to keep findings quiet",
    pattern: new RegExp(
      String.raw`\b(?:do\s+not|don'?t|never|must\s+not)\s+(?:flag|report|mention|comment\s+on|point\s+out|warn\s+about|highlight|disclose)\b[^.!?\n]{0,60}?(?:\bto\s+(?:the\s+)?(?:user|reviewers?|humans?|maintainers?|conductor)\b|\bin\s+(?:your|the)\s+(?:review|response|answer|reply|summary|findings|output|report)\b)` +
        String.raw`|\b(?:do\s+not|don'?t|never)\s+(?:flag|report)\s+(?:this|these|the)\s+${PR}\b(?!\s*(?:event|listener|handler|notification))`,
      "i",
    ),
    in: PROSE,
  },
];

/** The families of injection phrase `text` holds, read as a line of the given kind; empty when it holds none. */
export function injectionPhrases(text: string, kind: LineKind): string[] {
  return PHRASES.filter((p) => p.in.includes(kind) && p.pattern.test(text)).map((p) => p.label);
}
