import { contentFromBytes, type FileContent } from "../change.js";

/**
 * `git cat-file --batch` output for `paths`, asked in that order: `<sha> <type> <size>\n<bytes>\n`
 * per object, or `<sha> missing\n` (a blob gone from the object store) with no content after it,
 * which reads as missing for that one file alone.
 */
export function parseCatFileBatch(out: Buffer, paths: readonly string[]): Map<string, FileContent> {
  const result = new Map<string, FileContent>();
  let at = 0;
  for (const path of paths) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString("utf8");
    at = eol + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      result.set(path, { kind: "missing" });
      continue;
    }
    const size = Number(match[2]);
    result.set(path, match[1] === "blob" ? contentFromBytes(out.subarray(at, at + size)) : { kind: "missing" });
    at += size + 1;
  }
  return result;
}
