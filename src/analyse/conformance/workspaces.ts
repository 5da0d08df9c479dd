import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { parseJsonOrUndefined } from "../../shared/parse-json-or-undefined.js";
import type { Note } from "../note.js";
import { compileGlobs, globProblem } from "../../shared/glob.js";

/** Folder globs, as npm, yarn and pnpm all list their workspaces. */
const globsSchema = z.array(z.string());
/** package.json, of which only `workspaces` is read here (any object will do). */
const packageJsonSchema = z.object({ workspaces: z.unknown().optional() });
/** npm's `workspaces` list, or yarn's `{ packages, nohoist }`; absent, there are none. */
const npmWorkspacesSchema = z
  .union([globsSchema, z.object({ packages: globsSchema }).transform((w) => w.packages)])
  .optional();
/** pnpm-workspace.yaml: a `packages:` list, or a bare list; empty, or settings only (pnpm 10), it is the root alone. */
const pnpmWorkspaceSchema = z.union([
  z.null(),
  z.object({ packages: globsSchema.optional() }).transform((doc) => doc.packages),
  globsSchema,
]);
/** A workspace member's package.json: its `name` is what an import says. */
const memberSchema = z.object({ name: z.string() });

/**
 * npm/yarn `workspaces` in package.json, or pnpm's `pnpm-workspace.yaml` `packages:` list. A file
 * that does not parse, or a list of the wrong shape, is `report`ed: its packages stay unlinked, and
 * an import of one then looks like an external package, which no boundary rule judges. So is a
 * file of these the change could not give as text (`unreadable`: path → why, such as "is binary").
 */
export function findWorkspacePackages(
  configs: ReadonlyMap<string, string>,
  report: (note: Note) => void = () => undefined,
  unreadable: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  for (const root of ["package.json", "pnpm-workspace.yaml"]) {
    const why = unreadable.get(root);
    if (why !== undefined) report(unlinked(root, `${root} ${why}`));
  }
  const listed = [
    ...workspaceGlobs(configs.get("package.json"), report),
    ...pnpmGlobs(configs.get("pnpm-workspace.yaml"), report),
  ];
  // The change may write these globs: one the score could not accept (a backtracking many-star glob) is not run.
  const rootGlobs = listed.filter((glob) => {
    const problem = globProblem(trimGlob(glob.replace(/^!/, "")));
    if (problem) report(unlinked("package.json", `a workspace glob was not used: ${problem}`));
    return problem === undefined;
  });
  const byName = new Map<string, string>();
  if (rootGlobs.length === 0) return byName;
  const included = rootGlobs.filter((g) => !g.startsWith("!")).map(trimGlob);
  const excluded = rootGlobs.filter((g) => g.startsWith("!")).map((g) => trimGlob(g.slice(1)));
  const isWorkspace = compileGlobs(included);
  const isExcluded = compileGlobs(excluded);
  for (const [path, why] of unreadable) {
    if (path.endsWith("/package.json") && isWorkspace(path.slice(0, -"/package.json".length)))
      report(unlinked(path, `${path} ${why}`));
  }
  for (const [path, text] of configs) {
    if (!path.endsWith("/package.json")) continue;
    const dir = path.slice(0, -"/package.json".length);
    if (!isWorkspace(dir) || isExcluded(dir)) continue;
    const json = parseJsonOrUndefined(text);
    if (json === undefined) report(unlinked(path, `${path} is not valid JSON`));
    const name = memberSchema.safeParse(json).data?.name;
    if (name && !byName.has(name)) byName.set(name, dir);
  }
  return byName;
}

function trimGlob(glob: string): string {
  return glob.replace(/^\.\//, "").replace(/\/+$/, "");
}

function workspaceGlobs(text: string | undefined, report: (note: Note) => void): string[] {
  if (text === undefined) return [];
  const json = packageJsonSchema.safeParse(parseJsonOrUndefined(text));
  if (!json.success) {
    report(unlinked("package.json", "package.json is not a valid JSON object"));
    return [];
  }
  const workspaces = npmWorkspacesSchema.safeParse(json.data.workspaces);
  if (workspaces.success) return workspaces.data ?? [];
  report(unlinked("package.json", `package.json "workspaces" is not a list of folder globs`));
  return [];
}

function pnpmGlobs(text: string | undefined, report: (note: Note) => void): string[] {
  if (text === undefined) return [];
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    // yaml's message ends with a picture of the line; its first line says what and where.
    const what = error instanceof Error ? (error.message.split("\n")[0] ?? "").replace(/:$/, "") : String(error);
    report(unlinked("pnpm-workspace.yaml", `pnpm-workspace.yaml does not parse (${what})`));
    return [];
  }
  const workspace = pnpmWorkspaceSchema.safeParse(doc);
  if (workspace.success) return workspace.data ?? [];
  report(unlinked("pnpm-workspace.yaml", `pnpm-workspace.yaml "packages" is not a list of folder globs`));
  return [];
}

function unlinked(file: string, what: string): Note {
  return {
    file,
    unjudged: true,
    message: `${what}: its workspace packages were not linked, so an import of one may pass for an external package and escape every boundary`,
  };
}
