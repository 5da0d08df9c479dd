import type { CST, LineCounter, YAMLError } from "yaml";
import type { ScoreProblem } from "./score-problem.js";

interface Opener {
  readonly offset: number;
  readonly char: string;
  readonly closer: string;
}

const CLOSERS: Record<string, string> = { "[": "]", "{": "}" };

/** A file nested thousands deep makes the parser give up once per level: the first few say it all. */
const MAX_REPORTED = 10;

/**
 * YAML syntax errors, each at its line and column. The parser notices an unclosed `[`, `{` or quote
 * only where it gives up, often lines later, so each unclosed one is reported where it opened,
 * naming where the parser stopped; errors before the first of them are reported as they are.
 */
export function yamlSyntaxProblems(
  tokens: readonly CST.Token[],
  errors: readonly YAMLError[],
  lineCounter: LineCounter,
  file: string,
): ScoreProblem[] {
  const at = (offset: number, message: string): ScoreProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { severity: "error", file, line, column: col, keyPath: "", message: `YAML syntax: ${message}` };
  };
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  // Nesting past the parser's stack makes every level look unclosed: the depth is the one problem.
  const tooDeep = errors.find((e) => e.code === "RESOURCE_EXHAUSTION");
  if (tooDeep) return [at(tooDeep.pos[0], describe(tooDeep))];
  const openers = unclosedOpeners(tokens);
  const first = openers[0];
  const before = distinct(errors).filter((e) => first === undefined || e.pos[0] < first.offset);
  const gaveUp = errors.find((e) => first !== undefined && e.pos[0] >= first.offset);
  return [
    ...before.map((e) => at(e.pos[0], describe(e))),
    ...openers
      .slice(0, MAX_REPORTED)
      .map((o) =>
        at(
          o.offset,
          `this ${o.char} is never closed: add ${o.closer}${gaveUp ? ` (the YAML parser gave up at ${where(gaveUp.pos[0])}: ${describe(gaveUp)})` : ""}`,
        ),
      ),
  ];
}

/** Flow collections and quoted strings the parser opened and never saw closed, in text order. */
function unclosedOpeners(tokens: readonly CST.Token[]): Opener[] {
  const found: Opener[] = [];
  // A walk with its own stack: a hostile file nests deeper than the call stack goes.
  const stack = [...tokens];
  while (stack.length > 0) {
    const token = stack.pop() as CST.Token;
    const opener = openerOf(token);
    if (opener) found.push(opener);
    for (const child of childrenOf(token)) stack.push(child);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function openerOf(token: CST.Token): Opener | undefined {
  if (token.type === "flow-collection") {
    const char = token.start.source;
    const closer = CLOSERS[char] ?? "";
    return token.end.some((end) => end.source === closer) ? undefined : { offset: token.offset, char, closer };
  }
  if (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") {
    const quote = token.source[0] ?? "";
    return isQuoteClosed(token.source, quote)
      ? undefined
      : { offset: token.offset, char: `${quote} quote`, closer: `the closing ${quote}` };
  }
  return undefined;
}

function childrenOf(token: CST.Token): CST.Token[] {
  const out: CST.Token[] = [];
  const add = (child: CST.Token | null | undefined) => {
    if (child) out.push(child);
  };
  if (token.type === "document") add(token.value);
  if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
    for (const item of token.items) {
      add(item.key);
      add(item.value);
    }
  }
  return out;
}

/** Whether a quoted scalar's source ends its quote: `\"` escapes in double quotes, `''` in single. */
function isQuoteClosed(source: string, quote: string): boolean {
  for (let i = 1; i < source.length; i++) {
    const char = source[i];
    if (quote === '"' && char === "\\") i++;
    else if (char === quote) {
      if (quote === "'" && source[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

/** One error per kind and message, in text order, at most MAX_REPORTED. */
function distinct(errors: readonly YAMLError[]): YAMLError[] {
  const seen = new Set<string>();
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  return sorted.filter((e) => !seen.has(describe(e)) && seen.add(describe(e))).slice(0, MAX_REPORTED);
}

function describe(error: YAMLError): string {
  // The parser's own stack ran out: say what that means for the file.
  if (error.code === "RESOURCE_EXHAUSTION") return `the score nests too deep to read here; a score needs five levels`;
  return error.message.split("\n")[0] ?? error.message;
}
