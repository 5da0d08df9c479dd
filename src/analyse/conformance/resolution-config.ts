/**
 * Files the resolver must read: tsconfig/jsconfig (with their `extends`), package.json, pnpm's workspace file.
 * Kept apart from the resolver, so telling a config from a source file costs no TypeScript.
 */
/**
 * A JSON file a tsconfig's `extends` may name under any name (`@repo/typescript-config/base.json`, Turborepo's
 * habit): its changes can move imports too. Lockfiles and manifests are told apart; data JSON costs a full
 * re-resolution when it changes, never a missed violation.
 */
export function mayBeExtendedConfig(path: string): boolean {
  if (!path.endsWith(".json") || isResolutionConfig(path)) return false;
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name !== "package-lock.json" && name !== "composer.json" && !path.includes("node_modules/");
}

export function isResolutionConfig(path: string): boolean {
  // Asked of every path of a tree: most are told apart by their ending alone.
  if (!path.endsWith(".json") && !path.endsWith(".yaml")) return false;
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name === "package.json" || name === "pnpm-workspace.yaml" || /^(ts|js)config(\..*)?\.json$/.test(name);
}
