/** path → blob SHA of every regular file in `git ls-tree -r -z` output (`mode type sha\tpath\0`). */
export function parseLsTree(text: string): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const record of text.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, blob] = record.slice(0, tab).split(" ");
    // Regular files only: a symlink's blob is its target's name, a submodule has no blob here.
    if (type === "blob" && (mode === "100644" || mode === "100755") && blob) blobs.set(record.slice(tab + 1), blob);
  }
  return blobs;
}
