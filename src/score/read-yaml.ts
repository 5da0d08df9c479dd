import { Composer, LineCounter, Parser, YAMLParseError, type CST, type Document } from "yaml";
import type { ScoreProblem } from "./score-problem.js";
import { SCORE_LIMITS } from "./score-limits.js";
import { yamlShapeProblem } from "./yaml-shape-problem.js";
import { yamlSyntaxProblems } from "./yaml-syntax-problems.js";

export type YamlRead =
  | { readonly ok: true; readonly data: unknown; readonly doc: Document; readonly lineCounter: LineCounter }
  | { readonly ok: false; readonly problems: ScoreProblem[] };

/**
 * A score file's YAML, read into plain data with positions kept. Never throws: the text comes from
 * a repository, and whatever it holds (a syntax error, a file too large, an alias bomb, nesting
 * deeper than the parser's stack) comes back as problems at a line and column, so a bad score is an
 * "Invalid score" and never a crash of every later command on that repository.
 */
export function readYaml(text: string, file: string): YamlRead {
  const lineCounter = new LineCounter();
  const problemAt = (offset: number, message: string): YamlRead => {
    // Before the parser has run, the line counter knows no lines: the start of the file is 1:1.
    const { line, col } = lineCounter.linePos(offset);
    return {
      ok: false,
      problems: [{ severity: "error", file, line: Math.max(1, line), column: Math.max(1, col), keyPath: "", message }],
    };
  };
  if (text.length > SCORE_LIMITS.characters) {
    const most = SCORE_LIMITS.characters.toLocaleString("en-US");
    return problemAt(
      0,
      `the score is ${text.length.toLocaleString("en-US")} characters long; Maestro reads at most ${most} (about 1 MB): name modules by folder globs ("packages/*/src/**") rather than one entry per file`,
    );
  }
  try {
    const { doc, tokens } = parseDocumentAndTokens(text, lineCounter);
    if (doc.errors.length > 0)
      return { ok: false, problems: yamlSyntaxProblems(tokens, doc.errors, lineCounter, file) };
    const shape = yamlShapeProblem(doc);
    if (shape) return problemAt(shape.offset, shape.message);
    // The shape check already bounds what aliases expand to; the library's own count stays as a second guard.
    const data: unknown = doc.toJS({ maxAliasCount: SCORE_LIMITS.expandedValues });
    return { ok: true, data, doc, lineCounter };
  } catch (error) {
    return problemAt(
      0,
      `Maestro could not read this YAML (${(error as Error).message}); please report it with the file`,
    );
  }
}

/**
 * `parseDocument` of the yaml library, keeping the syntax tokens it parsed, so that a syntax error
 * is located (where a bracket opened) without parsing the text twice: a megabyte takes seconds.
 */
function parseDocumentAndTokens(text: string, lineCounter: LineCounter): { doc: Document.Parsed; tokens: CST.Token[] } {
  const tokens: CST.Token[] = [];
  const parser = new Parser(lineCounter.addNewLine);
  function* recorded() {
    for (const token of parser.parse(text)) {
      tokens.push(token);
      yield token;
    }
  }
  let doc: Document.Parsed | undefined;
  // logLevel "error": the library would print its warnings (a list used as a key) to the server's stderr.
  for (const next of new Composer({ prettyErrors: false, uniqueKeys: true, logLevel: "error" }).compose(
    recorded(),
    true,
    text.length,
  )) {
    if (!doc) doc = next;
    else {
      // As parseDocument does: a second document is an error of the first.
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          "MULTIPLE_DOCS",
          "the score must be one YAML document: remove the second ---",
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  return { doc: doc as Document.Parsed, tokens };
}
