import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";

export interface DepcruiseSetup {
  /** The configuration to pass with `--config`. */
  readonly config: string;
  /** The folders to cruise: those that hold the score's modules. */
  readonly folders: readonly string[];
  /** The workspace packages mapped to their source in the generated tsconfig's `paths`. */
  readonly packages: number;
  /** The score module a repository path belongs to, as the score's `paths` say. */
  readonly moduleOf: (path: string) => string | undefined;
}

interface ScoreModule {
  readonly name: string;
  readonly paths: readonly string[];
  readonly may_use?: readonly string[];
}

/**
 * Writes into `dir` (outside the repository) dependency-cruiser's configuration for the architecture of the score
 * committed in `repo`, as fair to it as we can make it: one `forbidden` rule per module with `may_use` (the same
 * boundaries Maestro judges), the score's ignored folders and test files excluded (Maestro parses them but judges
 * none), TypeScript type-only imports counted (`tsPreCompilationDeps`, as Maestro's `type_imports: check`), and a
 * tsconfig whose `paths` send each workspace package's name to its source, where its `main` points at build output
 * that is not in git (`outDir` → `rootDir` of the package's tsconfig): without it dependency-cruiser resolves no
 * import between packages, and finds no edge to judge. Maestro does that on its own; here it is written by hand.
 * No cycle rule: dependency-cruiser's is between files, Maestro's between modules.
 */
export function depcruiseWorkspaceConfig(repo: string, dir: string): DepcruiseSetup {
  const readJson = (path: string): Record<string, unknown> => {
    try {
      return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`dependency-cruiser's config: cannot read ${path} as JSON: ${(error as Error).message}`);
    }
  };
  const score = parseYaml(readFileSync(join(repo, ".github/maestro.yml"), "utf8")) as { modules: ScoreModule[] };
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // `maestro init` writes one `folder/**` per module; a score with other globs has no faithful regular expression here.
  const prefixes = (m: ScoreModule) =>
    m.paths.map((p) => {
      if (!p.endsWith("/**") || /[*?{[]/.test(p.slice(0, -3)))
        throw new Error(`dependency-cruiser's config: module ${m.name}'s path ${p} is not a folder/**`);
      return p.slice(0, -2);
    });
  const forbidden = score.modules
    .filter((m) => m.may_use !== undefined)
    .map((m) => ({
      name: `${m.name}-may-use`,
      severity: "error",
      from: { path: `^(${prefixes(m).map(escape).join("|")})` },
      to: {
        path: `^(${score.modules
          .filter((o) => o !== m && !(m.may_use ?? []).includes(o.name))
          .flatMap(prefixes)
          .map(escape)
          .join("|")})`,
      },
    }));

  const root = readJson(join(repo, "package.json"));
  const globs = Array.isArray(root.workspaces)
    ? root.workspaces
    : (root.workspaces as { packages?: string[] })?.packages;
  const isWorkspace = picomatch((globs ?? []) as string[]);
  const manifests = execFileSync("git", ["ls-files", "--", "*package.json"], { cwd: repo, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith("/package.json") && isWorkspace(posix.dirname(f)));
  const paths: Record<string, string[]> = {};
  const extended = new Map<string, number>();
  let packages = 0;
  for (const manifest of manifests) {
    const pkg = posix.dirname(manifest);
    const { name, main, types, typings } = readJson(join(repo, manifest)) as Record<string, string | undefined>;
    if (!name) continue;
    packages++;
    const tsconfigPath = join(repo, pkg, "tsconfig.json");
    const tsconfig = existsSync(tsconfigPath)
      ? (readJson(tsconfigPath) as { extends?: string; compilerOptions?: { outDir?: string; rootDir?: string } })
      : {};
    if (tsconfig.extends) {
      const base = join(repo, pkg, tsconfig.extends.endsWith(".json") ? tsconfig.extends : `${tsconfig.extends}.json`);
      extended.set(base, (extended.get(base) ?? 0) + 1);
    }
    const clean = (p: string) => posix.normalize(p).replace(/\/$/, "");
    const outDir = tsconfig.compilerOptions?.outDir && clean(tsconfig.compilerOptions.outDir);
    const rootDir = clean(tsconfig.compilerOptions?.rootDir ?? ".");
    // The entry Node would load, else the one TypeScript would (`@theia/plugin` is types alone).
    const entry = main ? clean(main).replace(/\.[cm]?js$/, "") : clean(types ?? typings ?? "index.js");
    const toSource = (p: string) =>
      outDir && p.startsWith(`${outDir}/`) ? posix.join(rootDir, p.slice(outDir.length + 1)) : p;
    paths[name] = [posix.join(pkg, toSource(entry))];
    if (outDir) paths[`${name}/${outDir}/*`] = [`${posix.join(pkg, rootDir)}/*`];
    paths[`${name}/*`] = [`${pkg}/*`];
  }
  const folders = [...new Set(score.modules.flatMap(prefixes).map((p) => p.split("/")[0] as string))].filter(
    (f) => !f.startsWith(".") && existsSync(join(repo, f)),
  );
  // The compiler options the packages share (theia's configs/base.tsconfig.json), and the folders to list.
  const shared = [...extended].sort((a, b) => b[1] - a[1])[0]?.[0];
  mkdirSync(dir, { recursive: true });
  const tsconfig = join(dir, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      ...(shared ? { extends: shared } : {}),
      compilerOptions: { baseUrl: repo, paths },
      include: folders.map((f) => join(repo, f)),
    }),
  );
  // The score's `ignore` that `maestro init` writes, as paths: build output, tests, fixtures, root tool configs.
  const exclude =
    "(^|/)(node_modules|lib|dist|build|coverage|out|vendor|__tests__|test|tests|e2e|__mocks__|fixtures)/|\\.(test|spec)\\.|^[^/]*\\.config\\.[cm]?[jt]s$|(^|/)\\.";
  const config = join(dir, ".dependency-cruiser.cjs");
  const options = {
    tsConfig: { fileName: tsconfig },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: exclude },
  };
  writeFileSync(config, `module.exports = ${JSON.stringify({ forbidden, options }, null, 2)};\n`);
  const modules = score.modules.map((m) => ({ name: m.name, prefixes: prefixes(m) }));
  return {
    config,
    folders,
    packages,
    moduleOf: (path) => modules.find((m) => m.prefixes.some((p) => path.startsWith(p)))?.name,
  };
}
