import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { isRecord, parseJsonOrUndefined } from "../json-data.js";

/** npm/yarn `workspaces` in package.json, or pnpm's `pnpm-workspace.yaml` `packages:` list. */
export function findWorkspacePackages(configs: ReadonlyMap<string, string>): Map<string, string> {
  const rootGlobs = [...workspaceGlobs(configs.get("package.json")), ...pnpmGlobs(configs.get("pnpm-workspace.yaml"))];
  const byName = new Map<string, string>();
  if (rootGlobs.length === 0) return byName;
  const included = rootGlobs.filter((g) => !g.startsWith("!")).map(trimGlob);
  const excluded = rootGlobs.filter((g) => g.startsWith("!")).map((g) => trimGlob(g.slice(1)));
  const isWorkspace = picomatch(included);
  const isExcluded = excluded.length ? picomatch(excluded) : () => false;
  for (const [path, text] of configs) {
    if (!path.endsWith("/package.json")) continue;
    const dir = path.slice(0, -"/package.json".length);
    if (!isWorkspace(dir) || isExcluded(dir)) continue;
    const name = packageName(text);
    if (name && !byName.has(name)) byName.set(name, dir);
  }
  return byName;
}

function trimGlob(glob: string): string {
  return glob.replace(/^\.\//, "").replace(/\/+$/, "");
}

function workspaceGlobs(text: string | undefined): string[] {
  const json = parseJsonOrUndefined(text);
  if (!isRecord(json)) return [];
  const { workspaces } = json;
  const list = isRecord(workspaces) ? workspaces.packages : workspaces;
  return Array.isArray(list) ? list.filter((g): g is string => typeof g === "string") : [];
}

function pnpmGlobs(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const doc: unknown = parseYaml(text);
    const list = isRecord(doc) ? doc.packages : undefined;
    return Array.isArray(list) ? list.filter((g): g is string => typeof g === "string") : [];
  } catch {
    return [];
  }
}

function packageName(text: string): string | undefined {
  const json = parseJsonOrUndefined(text);
  return isRecord(json) && typeof json.name === "string" ? json.name : undefined;
}
