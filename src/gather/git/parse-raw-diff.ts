import type { FileStatus } from "../change.js";

/** One record of `git diff --raw`: the file, and the blobs at each side (to tell which cannot be read). */
export interface RawEntry {
  readonly path: string;
  readonly previousPath?: string;
  readonly status: FileStatus;
  readonly blobs: readonly string[];
}

const GIT_STATUS: Record<string, FileStatus> = { A: "added", M: "modified", D: "removed", R: "renamed", T: "modified" };
const NO_BLOB = /^0+$/;
const GITLINK = "160000";

/** `:oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]` records of `git diff --raw -z`. */
export function parseRawDiff(text: string): RawEntry[] {
  const fields = text.split("\0");
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const [oldMode = "", newMode = "", oldSha = "", newSha = "", letters = "M"] = (fields[i++] as string)
      .slice(1)
      .split(" ");
    const status = GIT_STATUS[letters[0] ?? "M"] ?? "modified";
    // A submodule's "blob" is a commit of another repository: never in this object store.
    const blobs = [
      [oldMode, oldSha],
      [newMode, newSha],
    ].flatMap(([mode, sha]) => (mode !== GITLINK && sha && !NO_BLOB.test(sha) ? [sha] : []));
    if (status === "renamed") {
      const previousPath = fields[i++] as string;
      entries.push({ path: fields[i++] as string, previousPath, status, blobs });
    } else {
      entries.push({ path: fields[i++] as string, status, blobs });
    }
  }
  return entries;
}
