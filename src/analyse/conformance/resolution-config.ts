/**
 * Files the resolver must read: tsconfig/jsconfig (with their `extends`), package.json, pnpm's workspace file.
 * Kept apart from the resolver, so telling a config from a source file costs no TypeScript.
 */
export function isResolutionConfig(path: string): boolean {
  // Asked of every path of a tree: most are told apart by their ending alone.
  if (!path.endsWith(".json") && !path.endsWith(".yaml")) return false;
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name === "package.json" || name === "pnpm-workspace.yaml" || /^(ts|js)config(\..*)?\.json$/.test(name);
}
