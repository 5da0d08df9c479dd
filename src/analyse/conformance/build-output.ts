import { ts } from "./typescript.js";
import { readTsconfig } from "./read-tsconfig.js";

/** A build output's extension, and the source extensions tsc compiles to it, likeliest first. */
const SOURCES_OF: readonly (readonly [string, readonly string[]])[] = [
  [".d.mts", [".mts", ".mjs"]],
  [".d.cts", [".cts", ".cjs"]],
  [".d.ts", [".ts", ".tsx", ".js", ".jsx"]],
  [".mjs", [".mts", ".mjs"]],
  [".cjs", [".cts", ".cjs"]],
  [".js", [".ts", ".tsx", ".js", ".jsx"]],
  [".jsx", [".tsx", ".jsx"]],
];
const CONFIG_NAME = /^(ts|js)config(\..*)?\.json$/;

/** Where one tsconfig writes its build (`outDir`, `declarationDir`) and the source folder it mirrors (`rootDir`). */
export interface OutputLayout {
  readonly config: string;
  readonly outDirs: readonly string[];
  readonly rootDir: string;
}

export interface BuildOutputs {
  /** The repository's source file that `path`, a build output not in the repository, is compiled from. */
  sourceOf(path: string): string | undefined;
  /** Whether `dir`, a build folder not in the repository, mirrors a folder of sources. */
  isOutputDir(dir: string): boolean;
  /** The layouts of the tsconfigs in `dir` and the folders above it: what was tried, for a note. */
  layoutsAbove(dir: string): OutputLayout[];
}

/**
 * Build output seen through to its source, as TypeScript's project references do: a workspace
 * package whose `main`, `types` or `exports` point into `dist/` (never committed) leads to the file
 * under `rootDir` that tsc compiles there. Every tsconfig*.json of the repository is a candidate
 * layout, read with its `extends` when a path under one of its folders is first asked about.
 * Paths are absolute in the resolver's virtual root (`/packages/core/dist/index.d.ts`).
 */
export function createBuildOutputs(files: ReadonlySet<string>, host: ts.ParseConfigHost): BuildOutputs {
  // Sorted once, and only when a layout must infer its rootDir or a build folder is asked about.
  let sortedFiles: string[] | undefined;
  const sorted = (): string[] => (sortedFiles ??= [...files].sort());
  const configsByDir = new Map<string, string[]>();
  for (const file of files) {
    // Every config is JSON: the test on the name is left for the few files that are.
    if (!file.endsWith(".json") || !CONFIG_NAME.test(file.slice(file.lastIndexOf("/") + 1))) continue;
    const dir = dirOf(file);
    configsByDir.set(dir, [...(configsByDir.get(dir) ?? []), file]);
  }
  const layouts = new Map<string, OutputLayout | undefined>();
  const layoutOf = (config: string): OutputLayout | undefined => {
    if (!layouts.has(config)) layouts.set(config, readLayout(config, host, sorted));
    return layouts.get(config);
  };
  const layoutsAbove = (dir: string): OutputLayout[] => {
    const found: OutputLayout[] = [];
    for (let current = dir; ; current = dirOf(current)) {
      for (const config of configsByDir.get(current) ?? []) {
        const layout = layoutOf(config);
        if (layout) found.push(layout);
      }
      if (current === "/") return found;
    }
  };
  /** `path` under one of a layout's build folders, mirrored under its rootDir. */
  const mirrored = (path: string): string[] => {
    if (path.includes("/node_modules/") || path.endsWith("/node_modules")) return [];
    return layoutsAbove(dirOf(path)).flatMap((layout) =>
      layout.outDirs.flatMap((out) => (isUnder(path, out) ? [rebase(path, out, layout.rootDir)] : [])),
    );
  };
  const sources = new Map<string, string | undefined>();
  return {
    sourceOf(path) {
      if (sources.has(path)) return sources.get(path);
      const entry = SOURCES_OF.find(([output]) => path.endsWith(output));
      let source: string | undefined;
      if (entry) {
        const [output, inputs] = entry;
        for (const base of mirrored(path.slice(0, -output.length))) {
          source = inputs.map((ext) => base + ext).find((candidate) => files.has(candidate));
          if (source) break;
        }
      }
      sources.set(path, source);
      return source;
    },
    isOutputDir: (dir) => mirrored(dir).some((source) => hasFilesUnder(sorted(), source)),
    layoutsAbove,
  };
}

function readLayout(
  config: string,
  host: ts.ParseConfigHost,
  sorted: () => readonly string[],
): OutputLayout | undefined {
  // Its problems are said when a file under it is resolved: here a config that does not parse maps nothing.
  const { options } = readTsconfig(config, host);
  const outDirs = [options?.outDir, options?.declarationDir].filter((dir): dir is string => dir !== undefined);
  if (!options || outDirs.length === 0) return undefined;
  const configDir = dirOf(config);
  // tsc's own default: the config's folder for a composite project, else the folder common to its sources.
  const rootDir =
    options.rootDir ?? (options.composite ? configDir : (commonSourceDir(config, host, sorted, outDirs) ?? configDir));
  return { config, outDirs: outDirs.map(withoutSlash), rootDir: withoutSlash(rootDir) };
}

/** The deepest folder holding every source file the config includes, as tsc computes rootDir when none is set. */
function commonSourceDir(
  config: string,
  host: ts.ParseConfigHost,
  sorted: () => readonly string[],
  outDirs: readonly string[],
): string | undefined {
  const read = ts.readConfigFile(config, (p) => host.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirOf(config), undefined, config);
  const included = Object.entries(parsed.wildcardDirectories ?? {}).flatMap(([dir, flags]) =>
    filesUnder(sorted(), withoutSlash(dir)).filter(
      (file) => (flags & ts.WatchDirectoryFlags.Recursive) !== 0 || dirOf(file) === withoutSlash(dir),
    ),
  );
  const inputs = [...included, ...parsed.fileNames].filter(
    (file) =>
      /\.(ts|tsx|mts|cts)$/.test(file) &&
      !/\.d\.(ts|mts|cts)$/.test(file) &&
      !file.includes("/node_modules/") &&
      !outDirs.some((out) => isUnder(file, withoutSlash(out))),
  );
  if (inputs.length === 0) return undefined;
  let common = dirOf(inputs[0] as string);
  for (const file of inputs) while (!isUnder(file, common) && common !== "/") common = dirOf(common);
  return common;
}

function filesUnder(sorted: readonly string[], dir: string): string[] {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  const found: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && (sorted[i] as string).startsWith(prefix); i++)
    found.push(sorted[i] as string);
  return found;
}

function hasFilesUnder(sorted: readonly string[], dir: string): boolean {
  return (sorted[lowerBound(sorted, `${dir}/`)] ?? "").startsWith(`${dir}/`);
}

function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as string) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `path`, under `from`, moved to the same place under `to`. */
function rebase(path: string, from: string, to: string): string {
  const rest = from === "/" ? path : path.slice(from.length);
  return to === "/" ? rest || "/" : to + rest;
}

function isUnder(path: string, dir: string): boolean {
  return dir === "/" || path === dir || path.startsWith(`${dir}/`);
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

function withoutSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
