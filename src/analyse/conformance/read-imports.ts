import type { Change, FileContent, Side } from "../../gather/change.js";
import type { Note } from "../note.js";
import { extractImports, type ImportRef } from "./extract-imports.js";
import { createResolver, isResolutionConfig, type Resolve, type Target } from "./resolve-imports.js";

export interface ResolvedImport extends ImportRef {
  readonly target: Target;
}

/** Each read file's imports, resolved; the graph of one side of the change, or part of it. */
export type FileImports = Map<string, readonly ResolvedImport[]>;

/** One side of the change, ready to resolve imports against: its file list and its resolver. */
export interface SideView {
  readonly side: Side;
  readonly tree: readonly string[];
  readonly files: ReadonlySet<string>;
  readonly resolve: Resolve;
}

export async function openSide(change: Change, side: Side): Promise<SideView> {
  const tree = await change.tree(side);
  const contents = await change.read(side, tree.filter(isResolutionConfig));
  const configs = new Map<string, string>();
  for (const [path, content] of contents) if (content.kind === "text") configs.set(path, content.text);
  return { side, tree, files: new Set(tree), resolve: createResolver(tree, configs) };
}

/** Reads, parses and resolves the imports of `paths` at one side; what cannot be read becomes a note. */
export async function readImports(change: Change, view: SideView, paths: readonly string[]): Promise<{ imports: FileImports; notes: Note[] }> {
  const contents = await change.read(view.side, paths);
  const imports: FileImports = new Map();
  const notes: Note[] = [];
  for (const path of paths) {
    const content: FileContent = contents.get(path) ?? { kind: "missing" };
    if (content.kind !== "text") {
      notes.push(unreadableNote(path, content, view.side));
      continue;
    }
    const extracted = extractImports(path, content.text);
    if (extracted.syntaxError && view.side === "head") {
      const { line, message } = extracted.syntaxError;
      notes.push({ file: path, unjudged: false, message: `${path}:${line} does not parse (${message}); its imports were read as far as possible` });
    }
    imports.set(
      path,
      extracted.imports.map((imp) => ({ ...imp, target: view.resolve(path, imp.specifier) })),
    );
  }
  return { imports, notes };
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
