import { ts } from "./typescript.js";

/**
 * The repository files a tsconfig's `extends` names (a string or a list, relative to the config),
 * as `tsc` finds them: the path as written, or with `.json` added. A shared base can have any name
 * (`configs/base.tsconfig.json`); without it every config extending it would fail to apply.
 * Package bases (`@tsconfig/node20`) are not in the repository and are left out.
 */
export function extendedConfigs(configPath: string, text: string, tree: ReadonlySet<string>): string[] {
  const { config } = ts.parseConfigFileTextToJson(configPath, text) as { config?: { extends?: unknown } };
  const named = config?.extends;
  const list = Array.isArray(named) ? named : [named];
  const dir = configPath.includes("/") ? configPath.slice(0, configPath.lastIndexOf("/")) : "";
  return list.flatMap((entry) => {
    if (typeof entry !== "string" || !/^\.{1,2}\//.test(entry)) return [];
    const path = normalize(dir ? `${dir}/${entry}` : entry);
    if (path === undefined) return [];
    return [path, `${path}.json`].filter((candidate) => tree.has(candidate)).slice(0, 1);
  });
}

/** `a/b/../c/./d.json` → `a/c/d.json`; undefined when it climbs out of the repository. */
function normalize(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join("/");
}
