import { ts } from "./typescript.js";
import { parseJsonOrUndefined } from "../../shared/parse-json-or-undefined.js";
import type { Note } from "../note.js";
import { createBuildOutputs } from "./build-output.js";
import { readTsconfig } from "./read-tsconfig.js";
import { nearestEntryNote, unresolvedWorkspaceImport } from "./unresolved-workspace-import.js";
import { findWorkspacePackages } from "./workspaces.js";

/** Where an import leads: a file of the repository, an external package, or nowhere (a broken relative import). */
export type ImportTarget =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "package"; readonly name: string }
  | { readonly kind: "unresolved" };

export type Resolve = (fromPath: string, specifier: string) => ImportTarget;

/** Files the resolver must read: tsconfig/jsconfig (with their `extends`), package.json, pnpm's workspace file. */
export function isResolutionConfig(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name === "package.json" || name === "pnpm-workspace.yaml" || /^(ts|js)config(\..*)?\.json$/.test(name);
}

const FALLBACK_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/**
 * A workspace package read as a bundler would, whatever the importing file's tsconfig says: its
 * `exports` (which Node10 resolution ignores) under any condition, `source` first when it is listed
 * first. Every condition leads into the same package, and so to the same module.
 */
const WORKSPACE_OPTIONS: ts.CompilerOptions = {
  ...FALLBACK_OPTIONS,
  customConditions: ["source", "development", "require", "node", "browser", "module", "production"],
};

/**
 * TypeScript's own module resolution over a repository seen as a file list, never the disk:
 * each file is resolved with the options of its nearest tsconfig.json (`paths`, `baseUrl`,
 * `extends`, NodeNext's `.js` for `.ts`), and workspace packages are linked the way a package
 * manager would, so `@acme/shared` leads to `packages/shared`. Build output is seen through to its
 * source as project references do (`dist/index.d.ts` → `src/index.ts`, by each tsconfig's outDir and
 * rootDir), so a package whose `main`, `types` or `exports` point into an uncommitted `dist/` still
 * leads to its files; one that leads to no file is `unresolved`, and `report`ed with why, once per
 * import. A config that does not parse is `report`ed, once, when an import first depends on it:
 * resolution then falls back, and says so.
 * `unreadable` names the configs the change could not give as text (binary, too large), with why.
 */
export function createResolver(
  tree: readonly string[],
  configs: ReadonlyMap<string, string>,
  report: (note: Note) => void,
  unreadable: ReadonlyMap<string, string> = new Map(),
): Resolve {
  const files = new Set(tree.map((p) => `/${p}`));
  const dirs = new Set<string>(["/"]);
  // A tree lists a folder's files one after another: a file in the same folder as the one before adds no folder, and
  // is skipped without cutting its path (100,000 cuts were a tenth of a warm check).
  let folder = "";
  for (const file of files) {
    const cut = file.lastIndexOf("/");
    if (cut === folder.length - 1 && file.startsWith(folder)) continue;
    folder = file.slice(0, cut + 1);
    for (let i = cut; i > 0; i = file.lastIndexOf("/", i - 1)) {
      const dir = file.slice(0, i);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  const workspaceNotes: Note[] = [];
  const workspaces = new Map(
    [...findWorkspacePackages(configs, (note) => workspaceNotes.push(note), unreadable)].map(([name, dir]) => [
      name,
      `/${dir}`,
    ]),
  );
  const scopes = new Set([...workspaces.keys()].filter((n) => n.startsWith("@")).map((n) => n.split("/")[0]));

  /** Maps `…/node_modules/<workspace package>/rest` to the package's folder, as its symlink would. */
  const real = (path: string): string => {
    if (workspaces.size === 0) return path;
    const at = path.lastIndexOf("/node_modules/");
    if (at < 0) return path;
    const rest = path.slice(at + "/node_modules/".length).split("/");
    const nameLength = rest[0]?.startsWith("@") ? 2 : 1;
    const dir = workspaces.get(rest.slice(0, nameLength).join("/"));
    return dir === undefined ? path : [dir, ...rest.slice(nameLength)].join("/");
  };
  const isVirtualDir = (path: string): boolean => {
    if (path.endsWith("/node_modules")) return workspaces.size > 0;
    const at = path.lastIndexOf("/node_modules/");
    return at >= 0 && scopes.has(path.slice(at + "/node_modules/".length));
  };
  const configHost: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    fileExists: (path) => files.has(path),
    readFile: (path) => configs.get(path.slice(1)),
    readDirectory: () => [],
  };
  const outputs = createBuildOutputs(files, configHost);
  const outputDirs = new Map<string, boolean>();
  const isOutputDir = (dir: string): boolean => {
    let answer = outputDirs.get(dir);
    if (answer === undefined) outputDirs.set(dir, (answer = outputs.isOutputDir(dir)));
    return answer;
  };
  const host: ts.ModuleResolutionHost & ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    // A build output that is not committed exists when its source does: TypeScript then finds `main`/`types`/`exports`.
    fileExists: (path) => files.has(real(path)) || outputs.sourceOf(real(path)) !== undefined,
    // TypeScript asks for `./` and `..` as "/src/dir/", with the slash: the set holds folders without it.
    directoryExists: (path) => {
      const dir = real(withoutSlash(path));
      return dirs.has(dir) || isVirtualDir(withoutSlash(path)) || isOutputDir(dir);
    },
    readFile: (path) => configs.get(real(path).slice(1)),
    realpath: real,
    getCurrentDirectory: () => "/",
    readDirectory: () => [],
  };
  /** The repository file a resolved path is, or is built from. */
  const inRepository = (path: string): string | undefined => {
    const at = real(path);
    return files.has(at) ? at : outputs.sourceOf(at);
  };
  /** A workspace package's own entry, when TypeScript with the file's options found none: `source`, then `exports`. */
  const workspaceEntry = (containing: string, specifier: string, name: string, dir: string): string | undefined => {
    const subpath = specifier === name ? "." : `.${specifier.slice(name.length)}`;
    if (subpath === ".") {
      const source = sourceField(configs.get(`${dir.slice(1)}/package.json`));
      const entry = source === undefined ? undefined : inRepository(joinPath(`${dir}/package.json`, source));
      if (entry) return entry;
    }
    const resolved = ts.resolveModuleName(specifier, containing, WORKSPACE_OPTIONS, host).resolvedModule;
    const entry = resolved ? inRepository(resolved.resolvedFileName) : undefined;
    if (entry) return entry;
    // A file TypeScript does not resolve to (`@acme/ui/styles.css`) is still an edge to that file.
    const literal = joinPath(`${dir}/package.json`, subpath);
    return files.has(literal) ? literal : undefined;
  };
  /**
   * A deep import the package has no file for (`@theia/core/shared/@theia/application-package/lib/environment`, a
   * stub its install script writes) still enters that package: it is judged at the nearest folder above it that does
   * lead to source (`shared/@theia/application-package`, the package itself at last), so its boundary is checked.
   */
  const nearestEntry = (containing: string, specifier: string, name: string, dir: string): string | undefined => {
    for (let cut = specifier.lastIndexOf("/"); cut > name.length - 1; cut = specifier.lastIndexOf("/", cut - 1)) {
      const shorter = specifier.slice(0, cut);
      if (!entries.has(shorter)) entries.set(shorter, workspaceEntry(containing, shorter, name, dir));
      const entry = entries.get(shorter);
      if (entry !== undefined) return entry;
    }
    return undefined;
  };
  const entries = new Map<string, string | undefined>();
  const told = new Set<string>();

  const settings = createSettingsLookup(files, host, report);
  return (fromPath, specifier) => {
    const containing = `/${fromPath}`;
    const { options, cache } = settings(containing);
    const mode = ts.getImpliedNodeFormatForFile(containing, cache.getPackageJsonInfoCache(), host, options);
    let resolved = ts.resolveModuleName(specifier, containing, options, host, cache, undefined, mode).resolvedModule;
    const relative = specifier.startsWith(".") || specifier.startsWith("/");
    // Workspace links steer bare specifiers only: their problems matter from the first one.
    if (!relative) for (const note of workspaceNotes.splice(0)) report(note);
    if (!resolved && relative) {
      // A bundler finds `./x` where NodeNext wants `./x.js`: the edge is real either way.
      resolved = ts.resolveModuleName(specifier, containing, { ...options, ...FALLBACK_OPTIONS }, host).resolvedModule;
    }
    const resolvedPath = resolved ? inRepository(resolved.resolvedFileName) : undefined;
    if (resolvedPath !== undefined) return { kind: "file", path: resolvedPath.slice(1) };
    if (!relative) {
      const name = packageName(specifier);
      const dir = workspaces.get(name);
      if (dir === undefined) return { kind: "package", name: specifier };
      // Read as a bundler would, an import of a workspace package leads to one place wherever it is written.
      if (!entries.has(specifier)) entries.set(specifier, workspaceEntry(containing, specifier, name, dir));
      const entry = entries.get(specifier);
      if (entry !== undefined) return { kind: "file", path: entry.slice(1) };
      const nearest = nearestEntry(containing, specifier, name, dir);
      if (nearest !== undefined) {
        if (!told.has(specifier)) {
          told.add(specifier);
          report(nearestEntryNote(specifier, fromPath, dir.slice(1), nearest.slice(1)));
        }
        return { kind: "file", path: nearest.slice(1) };
      }
      if (!told.has(specifier)) {
        told.add(specifier);
        report(
          unresolvedWorkspaceImport({
            specifier,
            from: fromPath,
            dir: dir.slice(1),
            subpath: specifier === name ? "." : `.${specifier.slice(name.length)}`,
            manifest: configs.get(`${dir.slice(1)}/package.json`),
            layouts: outputs.layoutsAbove(dir),
          }),
        );
      }
      return { kind: "unresolved" };
    }
    // A file TypeScript does not resolve to (`./styles.css`, `./logo.svg`) is still an edge to that file.
    const literal = joinPath(containing, specifier);
    return files.has(literal) ? { kind: "file", path: literal.slice(1) } : { kind: "unresolved" };
  };
}

/** `@scope/name` or `name`: what a bare specifier names before its subpath. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return parts.slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}

/** package.json's `source` (Parcel, microbundle): the entry file before any build. */
function sourceField(manifest: string | undefined): string | undefined {
  const json = parseJsonOrUndefined(manifest);
  const source = typeof json === "object" && json !== null ? (json as { source?: unknown }).source : undefined;
  return typeof source === "string" ? source : undefined;
}

function withoutSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

/** `specifier` from the file `containing`, `.` and `..` folded, as an absolute path of the repository. */
function joinPath(containing: string, specifier: string): string {
  const parts = specifier.startsWith("/") ? [] : containing.split("/").slice(1, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return `/${parts.join("/")}`;
}

interface Settings {
  readonly options: ts.CompilerOptions;
  readonly cache: ts.ModuleResolutionCache;
}

/** The options of a file's nearest tsconfig.json (or jsconfig.json), parsed once per config. */
function createSettingsLookup(
  files: ReadonlySet<string>,
  host: ts.ModuleResolutionHost & ts.ParseConfigHost,
  report: (note: Note) => void,
) {
  const byConfig = new Map<string, Settings>();
  const byDir = new Map<string, Settings>();
  const settingsFor = (configPath: string | undefined): Settings => {
    const key = configPath ?? "";
    let settings = byConfig.get(key);
    if (!settings) {
      const config = configPath ? readTsconfig(configPath, host) : undefined;
      for (const note of config?.notes ?? []) report(note);
      const options = { ...(config?.options ?? FALLBACK_OPTIONS), allowJs: true, resolveJsonModule: true };
      const cache = ts.createModuleResolutionCache("/", (f) => f, options);
      settings = { options, cache };
      byConfig.set(key, settings);
    }
    return settings;
  };
  return (containing: string): Settings => {
    const dir = containing.slice(0, containing.lastIndexOf("/")) || "/";
    const known = byDir.get(dir);
    if (known) return known;
    const settings = settingsFor(nearestConfig(dir, files));
    byDir.set(dir, settings);
    return settings;
  };
}

function nearestConfig(dir: string, files: ReadonlySet<string>): string | undefined {
  for (let current = dir; ; current = current.slice(0, current.lastIndexOf("/")) || "/") {
    const prefix = current === "/" ? "" : current;
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      if (files.has(`${prefix}/${name}`)) return `${prefix}/${name}`;
    }
    if (current === "/") return undefined;
  }
}
