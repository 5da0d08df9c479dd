import type { ChangedFile } from "../../gather/change.js";
import type { Note } from "../note.js";

/**
 * Files whose diff the risk signals never saw: a text file that changed lines but came without a
 * patch (GitHub leaves out large ones), or one the adapter could not read. An absent patch is
 * never "no change": each such file is named, unjudged, so a conductor looks at it.
 */
export function unreadDiffs(files: readonly ChangedFile[]): Note[] {
  return files
    .filter((f) => f.unreadable !== undefined || (!f.binary && f.patch === undefined && f.additions + f.deletions > 0))
    .map((f) => ({
      file: f.path,
      unjudged: true,
      message: `${f.path}: its diff could not be read${f.unreadable ? ` (${f.unreadable})` : ""}: not judged for risk`,
    }));
}
