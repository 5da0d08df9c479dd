import { isFixSubject, type FileHistory } from "../change.js";

/**
 * `git log --format=%x1e%s --name-only -z`: records split by 0x1E, each a subject, a NUL, then the
 * commit's paths (among those asked about), each ended by a NUL. Every path asked about gets an
 * entry, zeros when no commit touched it.
 */
export function parseFileHistory(output: string, paths: readonly string[]): Map<string, FileHistory> {
  const counts = new Map<string, { changes: number; fixes: number }>(paths.map((p) => [p, { changes: 0, fixes: 0 }]));
  for (const record of output.split("\x1e")) {
    const end = record.indexOf("\0");
    if (end < 0) continue;
    const fix = isFixSubject(record.slice(0, end));
    for (const path of record.slice(end + 1).split("\0")) {
      const entry = counts.get(path.replace(/^\n/, ""));
      if (!entry) continue;
      entry.changes += 1;
      if (fix) entry.fixes += 1;
    }
  }
  return counts;
}
