import { parseJsonOrUndefined } from "../../shared/parse-json-or-undefined.js";
import type { Note } from "../note.js";
import type { OutputLayout } from "./build-output.js";

/** An import of a workspace package that leads to no source file: which one, from where, and what was tried. */
export interface UnresolvedWorkspaceImport {
  readonly specifier: string;
  readonly from: string;
  /** The package's folder in the repository (`packages/core`), and the part of the import after its name. */
  readonly dir: string;
  readonly subpath: string;
  readonly manifest: string | undefined;
  /** The tsconfigs at or above the package whose outDir was tried as build output. */
  readonly layouts: readonly OutputLayout[];
}

const ENTRY_FIELDS = ["source", "exports", "types", "typings", "module", "main"] as const;

/**
 * Why an import of a workspace package leads nowhere, and how to make it lead to source. Before
 * Maestro saw through build output, such an import passed for an external package and escaped
 * every boundary, silently; now the file's own note says it was not judged, and this one says why.
 */
export function unresolvedWorkspaceImport(problem: UnresolvedWorkspaceImport): Note {
  const { specifier, from, dir, subpath, layouts } = problem;
  const manifest = parseJsonOrUndefined(problem.manifest ?? "");
  const fields = typeof manifest === "object" && manifest !== null ? (manifest as Record<string, unknown>) : {};
  const entries = ENTRY_FIELDS.flatMap((field) =>
    fields[field] === undefined ? [] : [`"${field}" at ${targetsOf(fields[field], subpath).join(", ") || "nothing"}`],
  );
  const pointed =
    subpath === "."
      ? entries.length > 0
        ? `its package.json points ${entries.join("; ")}, none of which is in the repository (build output is not committed)`
        : "its package.json names no entry point (source, exports, types or main) and it has no index file"
      : `no file of ${dir} answers "${subpath}", through its package.json "exports" or as a path in the package`;
  const mapped =
    layouts.length === 0
      ? `no tsconfig at or above ${dir} sets an outDir that maps build output back to source`
      : `${layouts.map((l) => `${l.config.slice(1)} maps ${l.outDirs.map(shown).join(" and ")} to ${shown(l.rootDir)}`).join("; ")}, where no such source file is either`;
  return {
    file: `${dir}/package.json`,
    unjudged: false,
    message: `"${specifier}" (imported by ${from}) names the workspace package in ${dir}, but leads to no source file: ${pointed}; ${mapped}. Imports of it were not judged: give ${dir}/package.json a "source" field (or a "source" condition in "exports") naming its entry file, or a tsconfig whose outDir and rootDir map its build to its sources`,
  };
}

/**
 * A deep import of a workspace package with no source file of its own, judged at the nearest part of the package that
 * has one: the boundary is checked, and where it was checked is said.
 */
export function nearestEntryNote(specifier: string, from: string, dir: string, judgedAs: string): Note {
  return {
    file: from,
    unjudged: false,
    message: `"${specifier}" (imported by ${from}) names a file of the workspace package in ${dir} that is not in the repository (written by a build or install step); it was judged as an import of ${judgedAs}, the nearest part of the package that leads to source`,
  };
}

/** The paths a package.json field names for `subpath` (the string leaves of `exports` under it), a few at most. */
function targetsOf(value: unknown, subpath: string): string[] {
  const leaves: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string") leaves.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) Object.values(node).forEach(walk);
  };
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value)[0]?.startsWith("."))
    walk((value as Record<string, unknown>)[subpath]);
  else if (subpath === ".") walk(value);
  return [...new Set(leaves)].slice(0, 3);
}

function shown(path: string): string {
  return path === "/" ? "the repository root" : path.slice(1);
}
