import type { ChangedFile, FileContent } from "../../gather/change.js";
import type { Note } from "../note.js";

/**
 * Files a signal asked to read (a manifest, a public API file) whose text came back binary, too
 * large or missing at a side the file has: what the signal would have found there is unknown, so
 * each is named, unjudged, never taken for "nothing found".
 */
export function unreadTexts(
  files: readonly ChangedFile[],
  base: ReadonlyMap<string, FileContent>,
  head: ReadonlyMap<string, FileContent>,
): Note[] {
  return files.flatMap((f) => {
    const sides: [string, FileContent | undefined][] = [
      ["base", f.status === "added" ? undefined : base.get(f.previousPath ?? f.path)],
      ["head", f.status === "removed" ? undefined : head.get(f.path)],
    ];
    const unread = sides.flatMap(([side, content]) =>
      content === undefined || content.kind === "text"
        ? []
        : [`its text at ${side} could not be read (${why(content)})`],
    );
    return unread.length
      ? [{ file: f.path, unjudged: true, message: `${f.path}: ${unread.join("; ")}: not judged for risk` }]
      : [];
  });
}

function why(content: Exclude<FileContent, { kind: "text" }>): string {
  if (content.kind === "too-large") return `it is ${(content.bytes / 1024 / 1024).toFixed(1)} MB, too large`;
  return content.kind === "binary" ? "it is binary" : "it is missing";
}
