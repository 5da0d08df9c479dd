import { ts } from "./typescript.js";
import type { Note } from "../note.js";

/** Options that steer how an import is resolved: a bad value here changes where imports lead. */
const RESOLUTION_OPTIONS = new Set([
  "paths",
  "baseUrl",
  "rootDirs",
  "module",
  "moduleResolution",
  "moduleSuffixes",
  "customConditions",
  "resolvePackageJsonExports",
  "resolvePackageJsonImports",
  "allowJs",
  "allowImportingTsExtensions",
]);

/** Errors about `files`/`include` lists: Maestro lists no folders, so TypeScript always finds none. */
const FILE_LIST_ERRORS = new Set([18002, 18003]);
/** A known option with a value this TypeScript does not know (`"target": "es2030"`). */
const BAD_VALUE_ERRORS = new Set([5024, 6046]);
const NOT_FOUND = 6053;

export interface TsconfigOptions {
  /** Undefined when the file does not parse: the caller falls back to defaults. */
  readonly options?: ts.CompilerOptions;
  /** What went wrong, for the verdict: a config that does not parse or whose `extends` cannot be read. */
  readonly notes: Note[];
}

/**
 * A tsconfig.json (or jsconfig.json) with its `extends`, read the way `tsc` reads it. Its problems
 * are never dropped: a broken config makes aliases such as `@domain/*` look like packages, which no
 * boundary rule judges. What cannot steer resolution (a `target` newer than our TypeScript) is let be.
 */
export function readTsconfig(configPath: string, host: ts.ParseConfigHost): TsconfigOptions {
  const name = configPath.slice(1);
  const read = ts.readConfigFile(configPath, (p) => host.readFile(p));
  if (read.error || typeof read.config !== "object" || read.config === null) {
    const why = read.error ? describe(read.error) : "it is not a JSON object";
    return { notes: [problem(name, `${name} does not parse (${why})`)] };
  }
  const dir = configPath.slice(0, configPath.lastIndexOf("/")) || "/";
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dir, undefined, configPath);
  const notes: Note[] = [];
  const problems = new Set<string>();
  for (const error of parsed.errors) {
    if (error.category !== ts.DiagnosticCategory.Error || FILE_LIST_ERRORS.has(error.code)) continue;
    const message = describe(error);
    if (BAD_VALUE_ERRORS.has(error.code) && !RESOLUTION_OPTIONS.has(optionNamed(message))) continue;
    const missing = error.code === NOT_FOUND ? /^File '(.+)' not found\.$/.exec(flatten(error))?.[1] : undefined;
    if (missing !== undefined && !/^(\.{0,2}\/)/.test(missing)) {
      // A shared base from node_modules (`@tsconfig/node20`): never in the repository, and it rarely
      // holds `paths`; said, but not a reason to stop.
      notes.push({
        file: name,
        unjudged: false,
        message: `${name} extends "${missing}", a package Maestro does not read: its options were not applied`,
      });
      continue;
    }
    problems.add(message);
  }
  if (problems.size > 0) notes.unshift(problem(name, `${name}: ${[...problems].join("; ")}`));
  return { options: parsed.options, notes };
}

function problem(name: string, what: string): Note {
  return {
    file: name,
    unjudged: true,
    message: `${what}: imports under it were resolved without it, so an alias may pass for a package and escape every boundary`,
  };
}

function flatten(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
}

/** The message, with where it is when TypeScript knows, and without the virtual root's leading slash. */
function describe(diagnostic: ts.Diagnostic): string {
  const text = flatten(diagnostic).replace(/'\//g, "'").replace(/\.$/, "");
  const { file, start } = diagnostic;
  if (!file || start === undefined) return text;
  const { line, character } = ts.getLineAndCharacterOfPosition(file, start);
  return `${text} at ${file.fileName.slice(1)}:${line + 1}:${character + 1}`;
}

/** `Argument for '--moduleResolution' option must be…`, `Compiler option 'baseUrl' requires…`. */
function optionNamed(message: string): string {
  return /'(?:--)?(\w+)'/.exec(message)?.[1] ?? "";
}
