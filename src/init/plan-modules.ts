import { findWorkspacePackages, isSourceFile } from "../analyse/conformance/index.js";
import { compileGlobs } from "../shared/glob.js";

/** A module `maestro init` proposes, from a folder of the repository. */
export interface PlannedModule {
  readonly name: string;
  readonly paths: readonly string[];
}

/** Tests, fixtures and build output: never judged, so a starter score leaves them out. */
export const STARTER_IGNORE = [
  "**/__tests__/**",
  "**/*.{test,spec}.*",
  "{test,tests,e2e,__mocks__,fixtures}/**",
  "**/{test,tests,e2e,__mocks__,fixtures}/**",
  "**/{dist,build,coverage,out,node_modules,vendor}/**",
  "*.config.{js,cjs,mjs,ts,cts,mts}",
  ".*/**",
];

/**
 * Modules from the repository's folders: one per workspace package in a monorepo; otherwise one
 * per folder under `src/`, one per other top-level folder holding source, and one for root files.
 */
export function planModules(tree: readonly string[], configs: ReadonlyMap<string, string>): PlannedModule[] {
  const ignored = compileGlobs(STARTER_IGNORE);
  const sources = tree.filter((p) => isSourceFile(p) && !ignored(p));
  const folders = new Map<string, string>(); // module glob → proposed name
  const workspaceDirs = [...findWorkspacePackages(configs).values()].sort((a, b) => b.length - a.length);

  for (const path of sources) {
    const workspace = workspaceDirs.find((dir) => path.startsWith(`${dir}/`));
    if (workspace !== undefined) {
      folders.set(`${workspace}/**`, lastSegment(workspace));
      continue;
    }
    const parts = path.split("/");
    if (parts.length === 1) folders.set("*", "root");
    else if (parts[0] === "src" && parts.length === 2) folders.set("src/*", "src");
    else if (parts[0] === "src") folders.set(`src/${parts[1]}/**`, parts[1] as string);
    else folders.set(`${parts[0]}/**`, parts[0] as string);
  }
  const taken = new Set<string>();
  return [...folders]
    .sort(([a], [b]) => (folderOrder(a) < folderOrder(b) ? -1 : 1))
    .map(([glob, wanted]) => {
      let name = sanitize(wanted);
      for (let n = 2; taken.has(name); n++) name = `${sanitize(wanted)}-${n}`;
      taken.add(name);
      return { name, paths: [glob] };
    });
}

/**
 * Sorts a folder's glob after every glob inside it: a file belongs to the first module that matches,
 * so `integration-tests/**` listed before the packages under it would take their files (and
 * `maestro validate` would say so). Otherwise the order is the folders' alphabetical one.
 */
function folderOrder(glob: string): string {
  const folder = glob.replace(/\/?\*+$/, "");
  return folder === "" ? "\uffff" : `${folder}/\uffff`;
}

function lastSegment(dir: string): string {
  return dir.slice(dir.lastIndexOf("/") + 1);
}

function sanitize(name: string): string {
  const clean = name.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9_.-]/g, "-");
  return clean || "module";
}
