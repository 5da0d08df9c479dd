import type { ImportTarget } from "./resolve-imports.js";
import type { FileImports, ResolvedImport } from "./read-imports.js";

/**
 * Every file's resolved imports at one commit, packed: each path and specifier is stored once in a string table, and
 * each import is a row of integers. A 100,000-file repository is a few MB, read back without building an object per
 * import; a file's imports become objects only when asked for (`get`), and the module graph is counted from the rows.
 */
export interface PackedColumns {
  /** Every distinct path, specifier and package name. */
  readonly strings: readonly string[];
  /** The string index of each file, in the order it was read. */
  readonly files: Uint32Array;
  /** Where each file's imports start in the rows; one more entry than `files`, the end. */
  readonly starts: Uint32Array;
  readonly specifier: Uint32Array;
  /** The string index of the target's path (a file) or name (a package); -1 when unresolved. */
  readonly target: Int32Array;
  /** KIND_* in the low bits, TYPE_ONLY on top. */
  readonly flags: Uint8Array;
  readonly line: Uint32Array;
  readonly column: Uint32Array;
}

export const KIND_FILE = 0;
export const KIND_PACKAGE = 1;
export const KIND_UNRESOLVED = 2;
export const KIND_MASK = 3;
export const TYPE_ONLY = 4;

/** A read-only map of a commit's imports over packed columns: what the graph cache stores. */
export class PackedImports implements ReadonlyMap<string, readonly ResolvedImport[]> {
  private byPath: Map<string, number> | undefined;
  private readonly known = new Map<string, number | undefined>();

  constructor(readonly columns: PackedColumns) {}

  get size(): number {
    return this.columns.files.length;
  }

  /**
   * Finds a few files in one pass, so asking for them later (`has`, `get`) does not index every path: a change asks
   * for the few files it touches, of 100,000.
   */
  locate(paths: Iterable<string>): void {
    const wanted = new Set([...paths].filter((path) => !this.known.has(path)));
    if (wanted.size === 0 || this.byPath) return;
    for (const path of wanted) this.known.set(path, undefined);
    const { files, strings } = this.columns;
    for (let i = 0; i < files.length; i++) {
      const path = strings[files[i] as number] as string;
      if (wanted.has(path) && this.known.get(path) === undefined) this.known.set(path, i);
    }
  }

  /** The row of a file, by path. */
  indexOf(path: string): number | undefined {
    if (this.known.has(path)) return this.known.get(path);
    if (!this.byPath) {
      const { files, strings } = this.columns;
      this.byPath = new Map();
      for (let i = 0; i < files.length; i++) this.byPath.set(strings[files[i] as number] as string, i);
    }
    return this.byPath.get(path);
  }

  pathAt(index: number): string {
    return this.columns.strings[this.columns.files[index] as number] as string;
  }

  importsAt(index: number): ResolvedImport[] {
    const c = this.columns;
    const result: ResolvedImport[] = [];
    for (let row = c.starts[index] as number; row < (c.starts[index + 1] as number); row++)
      result.push(importAt(c, row));
    return result;
  }

  get(path: string): readonly ResolvedImport[] | undefined {
    const index = this.indexOf(path);
    return index === undefined ? undefined : this.importsAt(index);
  }

  has(path: string): boolean {
    return this.indexOf(path) !== undefined;
  }

  *entries(): MapIterator<[string, readonly ResolvedImport[]]> {
    for (let i = 0; i < this.size; i++) yield [this.pathAt(i), this.importsAt(i)];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.pathAt(i);
  }

  *values(): MapIterator<readonly ResolvedImport[]> {
    for (let i = 0; i < this.size; i++) yield this.importsAt(i);
  }

  [Symbol.iterator](): MapIterator<[string, readonly ResolvedImport[]]> {
    return this.entries();
  }

  forEach(
    callback: (
      value: readonly ResolvedImport[],
      key: string,
      map: ReadonlyMap<string, readonly ResolvedImport[]>,
    ) => void,
  ): void {
    for (const [key, value] of this) callback(value, key, this);
  }
}

export function targetAt(c: PackedColumns, row: number): ImportTarget {
  const kind = (c.flags[row] as number) & KIND_MASK;
  const at = c.target[row] as number;
  if (kind === KIND_FILE) return { kind: "file", path: c.strings[at] as string };
  if (kind === KIND_PACKAGE) return { kind: "package", name: c.strings[at] as string };
  return { kind: "unresolved" };
}

function importAt(c: PackedColumns, row: number): ResolvedImport {
  return {
    specifier: c.strings[c.specifier[row] as number] as string,
    line: c.line[row] as number,
    column: c.column[row] as number,
    typeOnly: ((c.flags[row] as number) & TYPE_ONLY) !== 0,
    target: targetAt(c, row),
  };
}

/** Packs a commit's imports, in their order. */
export function packImports(imports: FileImports): PackedImports {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (text: string) => {
    let at = ids.get(text);
    if (at === undefined) ids.set(text, (at = strings.push(text) - 1));
    return at;
  };
  let rows = 0;
  for (const list of imports.values()) rows += list.length;
  const files = new Uint32Array(imports.size);
  const starts = new Uint32Array(imports.size + 1);
  const specifier = new Uint32Array(rows);
  const target = new Int32Array(rows);
  const flags = new Uint8Array(rows);
  const line = new Uint32Array(rows);
  const column = new Uint32Array(rows);
  let file = 0;
  let row = 0;
  for (const [path, list] of imports) {
    files[file] = id(path);
    starts[file++] = row;
    for (const imp of list) {
      specifier[row] = id(imp.specifier);
      const t = imp.target;
      target[row] = t.kind === "file" ? id(t.path) : t.kind === "package" ? id(t.name) : -1;
      const kind = t.kind === "file" ? KIND_FILE : t.kind === "package" ? KIND_PACKAGE : KIND_UNRESOLVED;
      flags[row] = kind | (imp.typeOnly ? TYPE_ONLY : 0);
      line[row] = imp.line;
      column[row++] = imp.column;
    }
  }
  starts[file] = row;
  return new PackedImports({ strings, files, starts, specifier, target, flags, line, column });
}

/** Whether columns read back from a cache hang together: a cut or foreign file must be a miss, never misread. */
export function columnsAreSound(c: PackedColumns): boolean {
  const rows = c.specifier.length;
  if (!Array.isArray(c.strings) || !c.strings.every((s) => typeof s === "string")) return false;
  if (c.starts.length !== c.files.length + 1 || c.starts[c.files.length] !== rows) return false;
  if ([c.target, c.flags, c.line, c.column].some((column) => column.length !== rows)) return false;
  const strings = c.strings.length;
  for (let i = 0; i < c.files.length; i++) {
    if ((c.files[i] as number) >= strings || (c.starts[i] as number) > (c.starts[i + 1] as number)) return false;
  }
  for (let row = 0; row < rows; row++) {
    const kind = (c.flags[row] as number) & KIND_MASK;
    const at = c.target[row] as number;
    if ((c.specifier[row] as number) >= strings || kind > KIND_UNRESOLVED) return false;
    if (kind === KIND_UNRESOLVED ? at !== -1 : at < 0 || at >= strings) return false;
  }
  return true;
}
