import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const LAYERS = 10;

export interface GeneratedRepo {
  readonly dir: string;
  readonly base: string;
  /** The head of each change asked for, by its number of changed files. */
  readonly heads: ReadonlyMap<number, string>;
  /** A head whose only change is package.json's version, one line. */
  readonly versionBump: string;
  readonly files: number;
}

/**
 * A repository of `files` TypeScript files in LAYERS layered modules (l0 the lowest; each layer may
 * use the ones below it), one file in a hundred importing upward (a violation), then, each on its own
 * commit over the base, a change of each size in `changes` (a tenth of its files adding an upward
 * import) and a one-line version bump in package.json.
 */
export function generateRepo(dir: string, files: number, changes: readonly number[]): GeneratedRepo {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 }).trim();
  git("init", "-q", "-b", "main");
  const perLayer = Math.ceil(files / LAYERS);
  const path = (layer: number, i: number) => `src/l${layer}/f${i}.ts`;
  const spec = (layer: number, i: number) => `../l${layer}/f${i}`;
  const write = (rel: string, text: string) => {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  const source = (layer: number, i: number, extraUp: boolean) => {
    const lines: string[] = [];
    if (layer > 0)
      for (let k = 1; k <= 3; k++)
        lines.push(`import { v as d${k} } from "${spec((layer + k) % layer, (i * 7 + k) % perLayer)}";`);
    // A shallow tree inside each layer (depth log2), as real code is, not a chain a thousand deep.
    if (i > 0) lines.push(`import { v as s } from "./f${Math.floor(i / 2)}";`);
    if (i % 100 === 25) lines.push(`import { readFileSync } from "node:fs";`);
    if (extraUp && layer < LAYERS - 1) lines.push(`import { v as up } from "${spec(layer + 1, i % perLayer)}";`);
    lines.push(
      `export const v = ${i};`,
      `export function f${i}(x: number): number {`,
      `  return x + v + ${layer};`,
      `}`,
      "",
    );
    return lines.join("\n");
  };

  let count = 0;
  for (let layer = 0; layer < LAYERS; layer++) {
    for (let i = 0; i < perLayer && count < files; i++, count++)
      write(path(layer, i), source(layer, i, i % 100 === 50));
  }
  const modules = Array.from({ length: LAYERS }, (_, layer) => {
    const below = Array.from({ length: layer }, (_, k) => `l${k}`);
    return `  - name: l${layer}\n    paths: ["src/l${layer}/**"]\n    may_use: [${below.join(", ")}]\n    forbid_packages: [${layer === 0 ? "node:fs" : ""}]`;
  });
  write(".github/maestro.yml", `version: 1\nignore: [".dependency-cruiser.cjs"]\nmodules:\n${modules.join("\n")}\n`);
  write(
    "tsconfig.json",
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler", strict: true } }),
  );
  write(".dependency-cruiser.cjs", depcruiseConfig());
  const manifest = (version: string) =>
    `${JSON.stringify({ name: "bench-repo", version, private: true, type: "module" }, null, 2)}\n`;
  write("package.json", manifest("1.0.0"));
  const commit = (message: string) => {
    git("add", "-A");
    git("-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", message);
    return git("rev-parse", "HEAD");
  };
  const base = commit("base");

  const heads = new Map<number, string>();
  for (const changed of changes) {
    for (let n = 0; n < changed; n++) {
      const layer = 1 + (n % (LAYERS - 2));
      const i = 1 + Math.floor(n / (LAYERS - 2)) * 3;
      write(path(layer, i), `${source(layer, i, n % 10 === 0)}export const touched${n} = ${n};\n`);
    }
    heads.set(changed, commit(`change of ${changed} files`));
    git("reset", "-q", "--hard", base);
  }
  write("package.json", manifest("1.0.1"));
  const versionBump = commit("version bump");
  git("reset", "-q", "--hard", base);
  return { dir, base, heads, versionBump, files };
}

/** The same architecture as dependency-cruiser rules: no layer may import a layer above it; l0 may not use fs. */
function depcruiseConfig(): string {
  const forbidden = Array.from({ length: LAYERS - 1 }, (_, layer) => ({
    name: `l${layer}-upward`,
    severity: "error",
    from: { path: `^src/l${layer}/` },
    to: { path: `^src/l(${Array.from({ length: LAYERS - layer - 1 }, (_, k) => layer + 1 + k).join("|")})/` },
  }));
  forbidden.push({
    name: "l0-no-fs",
    severity: "error",
    from: { path: "^src/l0/" },
    to: { path: "^(node:)?fs$" },
  } as (typeof forbidden)[number]);
  return `module.exports = ${JSON.stringify({ forbidden, options: { tsConfig: { fileName: "tsconfig.json" }, tsPreCompilationDeps: true, doNotFollow: { path: "node_modules" } } }, null, 2)};\n`;
}
