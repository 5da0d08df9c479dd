import type { Change, FileContent, Side } from "../../gather/change.js";
import type { Note } from "../note.js";
import type { ImportRef } from "./extract-imports.js";
import { isResolutionConfig } from "./resolution-config.js";
import type { ImportTarget, Resolve } from "./resolve-imports.js";
import { yieldNowAndThen } from "../../shared/yield-now-and-then.js";

export interface ResolvedImport extends ImportRef {
  readonly target: ImportTarget;
}

/** Each read file's imports, resolved; the graph of one side of the change, or part of it. */
export type FileImports = Map<string, readonly ResolvedImport[]>;

/** One side of the change, ready to resolve imports against: its file list and its resolver. */
export interface SideView {
  readonly side: Side;
  readonly tree: readonly string[];
  readonly files: ReadonlySet<string>;
  /**
   * The side's resolver, made on first use: its configs are read and TypeScript is loaded only when an import must be
   * resolved, so a change that resolves nothing pays for neither.
   */
  resolver(): Promise<Resolve>;
  /**
   * Configs resolution had to do without (a tsconfig or workspace file that does not parse), each once, as imports met
   * them.
   */
  readonly problems: readonly Note[];
  /** What this side has cost so far: files parsed and imports resolved. */
  readonly work: SideWork;
}

export interface SideWork {
  parsed: number;
  resolved: number;
}

let tools: Promise<typeof import("./typescript-tools.js")> | undefined;
/** The parser and the resolver, loaded once, the first time a file must be parsed or an import resolved. */
function loadTypeScriptTools(): Promise<typeof import("./typescript-tools.js")> {
  return (tools ??= import("./typescript-tools.js"));
}

/** How many `extends` hops are followed to files no name marks as a config. */
const MAX_EXTENDS_DEPTH = 5;

export async function openSide(change: Change, side: Side): Promise<SideView> {
  const tree = await change.tree(side);
  const files = new Set(tree);
  const problems: Note[] = [];
  const work: SideWork = { parsed: 0, resolved: 0 };
  let made: Promise<Resolve> | undefined;
  const resolver = () =>
    (made ??= (async () => {
      const [{ createResolver }, configs] = await Promise.all([
        loadTypeScriptTools(),
        readConfigs(change, side, tree, files),
      ]);
      const resolve = createResolver(tree, configs.texts, (note) => problems.push(note), configs.unreadable);
      return (fromPath: string, specifier: string) => {
        work.resolved++;
        return resolve(fromPath, specifier);
      };
    })());
  return { side, tree, files, resolver, problems, work };
}

/** The configs by their names first, then whatever their `extends` name, a few levels deep. */
async function readConfigs(
  change: Change,
  side: Side,
  tree: readonly string[],
  files: ReadonlySet<string>,
): Promise<{ texts: Map<string, string>; unreadable: Map<string, string> }> {
  const texts = new Map<string, string>();
  const unreadable = new Map<string, string>();
  let wanted = tree.filter(isResolutionConfig);
  const { extendedConfigs } = await loadTypeScriptTools();
  for (let depth = 0; wanted.length > 0 && depth < MAX_EXTENDS_DEPTH; depth++) {
    const contents = await change.read(side, wanted);
    const next = new Set<string>();
    for (const [path, content] of contents) {
      if (content.kind !== "text") {
        unreadable.set(path, unreadableConfig(content));
        continue;
      }
      texts.set(path, content.text);
      if (!path.endsWith("package.json") && path.endsWith(".json")) {
        for (const base of extendedConfigs(path, content.text, files)) if (!texts.has(base)) next.add(base);
      }
    }
    wanted = [...next].filter((path) => !texts.has(path) && !unreadable.has(path));
  }
  return { texts, unreadable };
}

/** Files read from git at a time: enough that a batch's start costs little, few enough that the first comes soon. */
const READ_BATCH = 400;

/** Reads, parses and resolves the imports of `paths` at one side; what cannot be read becomes a note. */
export async function readImports(
  change: Change,
  view: SideView,
  paths: readonly string[],
): Promise<{ imports: FileImports; notes: Note[] }> {
  const imports: FileImports = new Map();
  const notes: Note[] = [];
  if (paths.length === 0) return { imports, notes };
  // Read in batches, the next one asked for before this one is parsed: git reads while TypeScript parses.
  const batches: (readonly string[])[] = [];
  for (let at = 0; at < paths.length; at += READ_BATCH) batches.push(paths.slice(at, at + READ_BATCH));
  // A read that fails while another step is awaited is thrown where it is awaited, not lost as an unhandled rejection.
  const read = (batch: readonly string[]) => {
    const reading = change.read(view.side, batch);
    reading.catch(() => undefined);
    return reading;
  };
  let next = read(batches[0] ?? []);
  // The parser and the resolver are loaded here, the first time a file must be read: not by what only lists files.
  const [{ extractImports }, resolve] = await Promise.all([loadTypeScriptTools(), view.resolver()]);
  const breathe = yieldNowAndThen();
  // Syntax errors are said of the head only: at base, only the part of a file that holds its imports is parsed.
  const syntax = view.side === "head";
  for (const [index, batch] of batches.entries()) {
    const contents = await next;
    const following = batches[index + 1];
    if (following) next = read(following);
    for (const path of batch) {
      await breathe();
      const content: FileContent = contents.get(path) ?? { kind: "missing" };
      if (content.kind !== "text") {
        notes.push(unreadableNote(path, content, view.side));
        continue;
      }
      const extracted = extractImports(path, content.text, { syntax });
      view.work.parsed++;
      if (extracted.syntaxError && syntax) {
        const { line, message } = extracted.syntaxError;
        notes.push({
          file: path,
          unjudged: false,
          message: `${path}:${line} does not parse (${message}); its imports were read as far as possible`,
        });
      }
      const resolved = extracted.imports.map((imp) => ({ ...imp, target: resolve(path, imp.specifier) }));
      const unresolved = resolved.filter((imp) => imp.target.kind === "unresolved");
      if (unresolved.length > 0) notes.push(unresolvedNote(path, unresolved, view.side));
      imports.set(path, resolved);
    }
  }
  return { imports, notes };
}

/**
 * A relative import that leads to no file is not a package: where it leads is unknown, so it is not judged, and said.
 */
function unresolvedNote(path: string, unresolved: readonly ResolvedImport[], side: Side): Note {
  const list = unresolved.map((imp) => `"${imp.specifier}" (line ${imp.line})`).join(", ");
  const one = unresolved.length === 1;
  return {
    file: path,
    unjudged: side === "head",
    message: `${path}: ${list} ${one ? "leads" : "lead"} to no file in the repository: where ${one ? "it leads" : "they lead"} was not judged`,
  };
}

function unreadableConfig(content: Exclude<FileContent, { kind: "text" }>): string {
  return content.kind === "binary"
    ? "is binary"
    : content.kind === "too-large"
      ? `is ${(content.bytes / 1024 / 1024).toFixed(1)} MB, too large to read`
      : "could not be read";
}

function unreadableNote(path: string, content: Exclude<FileContent, { kind: "text" }>, side: Side): Note {
  const why =
    content.kind === "binary"
      ? "is binary, not source"
      : content.kind === "too-large"
        ? `is ${(content.bytes / 1024 / 1024).toFixed(1)} MB, too large to parse`
        : "could not be read";
  // Only what the change brings needs a person's eyes; a base file we could not read just drops out of the graph.
  return { file: path, unjudged: side === "head", message: `${path} ${why}: its imports were not checked` };
}
