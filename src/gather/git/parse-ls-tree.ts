/** path → blob SHA of every regular file in `git ls-tree -r -z` output (`mode type sha\tpath\0`). */
export function parseLsTree(text: string): Map<string, string> {
  const blobs = new Map<string, string>();
  // Read in place, record by record: a tree of 100,000 files is one string, and splitting it costs more than reading it.
  for (let at = 0; at < text.length;) {
    const end = text.indexOf("\0", at);
    const stop = end < 0 ? text.length : end;
    const tab = text.indexOf("\t", at);
    // Regular files only: a symlink's blob is its target's name, a submodule has no blob here.
    // Compared in place, not cut out: 100,000 cuts cost more than the rest of the parse.
    const regular = text.startsWith("100644 blob ", at) || text.startsWith("100755 blob ", at);
    if (tab > at && tab < stop && regular && tab - at > 12)
      blobs.set(text.slice(tab + 1, stop), text.slice(at + 12, tab));
    at = stop + 1;
  }
  return blobs;
}
