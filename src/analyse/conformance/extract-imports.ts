import { ts } from "./typescript.js";

/** One import as written in a source file: what it names, where, and how. */
export interface ImportRef {
  readonly specifier: string;
  /** 1-based, at the specifier's opening quote. */
  readonly line: number;
  readonly column: number;
  /** `import type`, `export type … from`, `import { type A }` only, or `typeof import("x")`. */
  readonly typeOnly: boolean;
}

export interface ExtractedImports {
  readonly imports: readonly ImportRef[];
  /** The first syntax error, when the file does not parse cleanly; what could be read still is. */
  readonly syntaxError?: { readonly line: number; readonly message: string };
}

/**
 * Reads every import form of SPEC §2 from one file with the TypeScript parser that ts-morph ships.
 * Only the parser runs (no program, no type checker): what a change touches is all that is parsed,
 * and a file's imports do not depend on any other file.
 */
export function extractImports(
  path: string,
  text: string,
  options: { readonly syntax?: boolean } = {},
): ExtractedImports {
  try {
    return parseImports(path, options.syntax === false ? importingPart(text) : text);
  } catch (error) {
    // The parser recurses; hostile nesting can exhaust the stack. The scanner does not.
    if (!(error instanceof RangeError)) throw error;
    return scanImports(text);
  }
}

/** A calling form (`import(…)`, `require(…)`, `typeof import(…)`) can sit anywhere in a file, in any function body. */
const CALL_FORM = /\b(?:import|require)\s*\(/;
/** A keyword a declaration's specifier follows: `from "x"`, `import "x"`. */
const KEYWORD = /\b(?:from|import)\b/g;
/** How far past its keyword a specifier is looked for, through spaces and comments: a bound on hostile input. */
const GAP_LIMIT = 2_000;

/**
 * The part of a file that holds its imports, when they are all declarations at the top level: the text up to the end
 * of the line where the last specifier closes. Parsing stops there, before the function bodies that are most of the
 * parser's time, and the declarations it reads are the same, each a statement complete before the cut (what follows
 * cannot change how an earlier statement parses). Its syntax errors are not the file's: for a side whose errors are
 * not reported (the base). A file with a calling form anywhere is read whole.
 */
function importingPart(text: string): string {
  if (CALL_FORM.test(text)) return text;
  let last = -1;
  for (const match of text.matchAll(KEYWORD)) last = specifierAfter(text, match.index + match[0].length) ?? last;
  if (last < 0) return "";
  const end = text.indexOf("\n", closingQuote(text, last));
  return end < 0 ? text : text.slice(0, end + 1);
}

/**
 * Just past the opening quote of a string that follows `at` with only spaces and comments between, within
 * `GAP_LIMIT` characters; undefined when something else comes first. Every loop is bounded, so a file of keywords in
 * one long comment costs at most the bound per keyword, never a scan to the comment's end each time.
 */
function specifierAfter(text: string, at: number): number | undefined {
  const limit = Math.min(text.length, at + GAP_LIMIT);
  for (let i = at; i < limit;) {
    const char = text[i] as string;
    if (char === '"' || char === "'") return i + 1;
    if (/\s/.test(char)) i++;
    else if (char === "/" && text[i + 1] === "*") {
      for (i += 2; i < limit && !(text[i] === "*" && text[i + 1] === "/"); i++);
      i += 2;
    } else if (char === "/" && text[i + 1] === "/") {
      for (i += 2; i < limit && text[i] !== "\n"; i++);
    } else return undefined;
  }
  return undefined;
}

/** Where the string literal opened at `from - 1` ends (escapes, a line continuation included), or its line does. */
function closingQuote(text: string, from: number): number {
  const quote = text[from - 1];
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (char === "\\") at++;
    else if (char === quote || char === "\n") return at;
  }
  return text.length;
}

function parseImports(path: string, text: string): ExtractedImports {
  // JSDoc is left unparsed (a tenth of the parse): its comments hold no import this reads, since the walk below never
  // enters them, and its syntax errors are not the file's.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const source = ts.createSourceFile(path, text, options, false, scriptKind(path));
  const imports: ImportRef[] = [];
  const add = (literal: ts.Node & { text: string }, typeOnly: boolean) => {
    const { line, character } = source.getLineAndCharacterOfPosition(literal.getStart(source));
    imports.push({ specifier: literal.text, line: line + 1, column: character + 1, typeOnly });
  };

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      add(statement.moduleSpecifier, isTypeOnlyImport(statement));
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      add(statement.moduleSpecifier, statement.isTypeOnly);
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression)
    ) {
      add(statement.moduleReference.expression, statement.isTypeOnly);
    }
  }
  // Calls and import types can sit anywhere; skip the full walk when the text cannot hold one.
  if (CALL_FORM.test(text)) visitCalls(source, add);

  imports.sort((a, b) => a.line - b.line || a.column - b.column);
  return { imports, ...syntaxErrorOf(source) };
}

function visitCalls(
  source: ts.SourceFile,
  add: (literal: ts.Node & { text: string }, typeOnly: boolean) => void,
): void {
  // An explicit stack, not recursion: generated files can nest deeper than the call stack allows.
  const stack: ts.Node[] = [source];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const [first] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire =
        ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1;
      if ((isImport || isRequire) && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
        add(first, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal, true);
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
}

function isTypeOnlyImport(statement: ts.ImportDeclaration): boolean {
  const clause = statement.importClause;
  if (!clause) return false; // `import "x"` runs x
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    !!bindings &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (path.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function syntaxErrorOf(source: ts.SourceFile): Pick<ExtractedImports, "syntaxError"> {
  // The parser keeps its diagnostics on the node without declaring them in the public types.
  const diagnostics = (source as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return {};
  const { line } = source.getLineAndCharacterOfPosition(first.start);
  return { syntaxError: { line: line + 1, message: ts.flattenDiagnosticMessageText(first.messageText, " ") } };
}

/** Imports found by TypeScript's scanner alone, for files too deeply nested to parse; none is taken as type-only. */
function scanImports(text: string): ExtractedImports {
  const info = ts.preProcessFile(text, true, true);
  const imports = info.importedFiles.map((ref) => {
    const before = text.slice(0, ref.pos);
    const line = before.split("\n").length;
    return { specifier: ref.fileName, line, column: ref.pos - before.lastIndexOf("\n"), typeOnly: false };
  });
  return {
    imports,
    syntaxError: { line: 1, message: "nested too deeply for the parser; imports were found by scanning" },
  };
}
