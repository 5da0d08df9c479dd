import { baseName } from "../../checks/file-kinds.js";
import type { Change, ChangedFile } from "../../gather/change.js";
import { findWorkspacePackages } from "../conformance/index.js";

/**
 * The names of the repository's own workspace packages at head (npm and yarn `workspaces`, pnpm's
 * `pnpm-workspace.yaml`): a version bump from one to another is a release, not a dependency change.
 * Read only when the change touches a package.json. A member whose package.json cannot be read
 * keeps no name here, so a bump of it still counts as a dependency change: the safe side.
 */
export async function workspacePackageNames(change: Change, files: readonly ChangedFile[]): Promise<Set<string>> {
  if (!files.some((f) => baseName(f.path) === "package.json")) return new Set();
  const tree = await change.tree("head");
  const paths = tree.filter((p) => p === "pnpm-workspace.yaml" || baseName(p) === "package.json");
  const configs = new Map<string, string>();
  for (const [path, content] of await change.read("head", paths)) {
    if (content.kind === "text") configs.set(path, content.text);
  }
  // Conformance names a workspace file it cannot use as unjudged; here it only means fewer names.
  return new Set(findWorkspacePackages(configs).keys());
}
