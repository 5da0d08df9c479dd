import { ts } from "ts-morph";
import { findWorkspacePackages } from "./workspaces.js";

/** Where an import leads: a file of the repository, an external package, or nowhere (a broken relative import). */
export type Target =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "package"; readonly name: string }
  | { readonly kind: "unresolved" };

export type Resolve = (fromPath: string, specifier: string) => Target;

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
 * TypeScript's own module resolution over a repository seen as a file list, never the disk:
 * each file is resolved with the options of its nearest tsconfig.json (`paths`, `baseUrl`,
 * `extends`, NodeNext's `.js` for `.ts`), and workspace packages are linked the way a package
 * manager would, so `@acme/shared` leads to `packages/shared`.
 */
export function createResolver(tree: readonly string[], configs: ReadonlyMap<string, string>): Resolve {
  const files = new Set(tree.map((p) => `/${p}`));
  const dirs = new Set<string>(["/"]);
  for (const file of files) {
    for (let i = file.lastIndexOf("/"); i > 0; i = file.lastIndexOf("/", i - 1)) {
      const dir = file.slice(0, i);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  const workspaces = new Map([...findWorkspacePackages(configs)].map(([name, dir]) => [name, `/${dir}`]));
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
  const host: ts.ModuleResolutionHost & ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    fileExists: (path) => files.has(real(path)),
    directoryExists: (path) => dirs.has(real(path)) || isVirtualDir(path),
    readFile: (path) => configs.get(real(path).slice(1)),
    realpath: real,
    getCurrentDirectory: () => "/",
    readDirectory: () => [],
  };

  const settings = createSettingsLookup(files, host);
  return (fromPath, specifier) => {
    const containing = `/${fromPath}`;
    const { options, cache } = settings(containing);
    const mode = ts.getImpliedNodeFormatForFile(containing, cache.getPackageJsonInfoCache(), host, options);
    let resolved = ts.resolveModuleName(specifier, containing, options, host, cache, undefined, mode).resolvedModule;
    const relative = specifier.startsWith(".") || specifier.startsWith("/");
    if (!resolved && relative) {
      // A bundler finds `./x` where NodeNext wants `./x.js`: the edge is real either way.
      resolved = ts.resolveModuleName(specifier, containing, { ...options, ...FALLBACK_OPTIONS }, host).resolvedModule;
    }
    const resolvedPath = resolved ? real(resolved.resolvedFileName) : undefined;
    if (resolvedPath !== undefined && files.has(resolvedPath)) return { kind: "file", path: resolvedPath.slice(1) };
    if (relative) return { kind: "unresolved" };
    return { kind: "package", name: specifier };
  };
}

interface Settings {
  readonly options: ts.CompilerOptions;
  readonly cache: ts.ModuleResolutionCache;
}

/** The options of a file's nearest tsconfig.json (or jsconfig.json), parsed once per config. */
function createSettingsLookup(files: ReadonlySet<string>, host: ts.ModuleResolutionHost & ts.ParseConfigHost) {
  const byConfig = new Map<string, Settings>();
  const byDir = new Map<string, Settings>();
  const settingsFor = (configPath: string | undefined): Settings => {
    const key = configPath ?? "";
    let settings = byConfig.get(key);
    if (!settings) {
      const options = { ...(configPath ? readOptions(configPath, host) : FALLBACK_OPTIONS), allowJs: true, resolveJsonModule: true };
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

function readOptions(configPath: string, host: ts.ParseConfigHost): ts.CompilerOptions {
  const read = ts.readConfigFile(configPath, (p) => host.readFile(p));
  if (read.error || typeof read.config !== "object") return FALLBACK_OPTIONS;
  const dir = configPath.slice(0, configPath.lastIndexOf("/")) || "/";
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dir, undefined, configPath);
  return parsed.options;
}
