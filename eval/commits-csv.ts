import type { FailedCommit, JudgedCommit } from "./judged-commit.js";

/**
 * One row per sampled commit: its labels, size, raw facts, risk score, verdict and each signal's
 * points (a column per signal, 0 when it did not fire). A commit that could not be judged has
 * verdict `error` and its reason, so no commit is missing from the file.
 */
export function commitsCsv(
  rows: readonly JudgedCommit[],
  failed: readonly FailedCommit[],
  signalIds: readonly string[],
): string {
  const header = [
    "sha",
    "date",
    "subject",
    "fix_inducing",
    "reverted",
    "fixed_by",
    "reverted_by",
    "lines",
    "files_changed",
    "lines_added",
    "lines_deleted",
    "lockfile_lines",
    "test_files_changed",
    "directories",
    "modules",
    "risk",
    "verdict",
    "reasons",
    "seconds",
    ...signalIds.map((id) => `signal_${id}`),
    "error",
  ];
  const labels = (c: FailedCommit | JudgedCommit) => [
    c.sha,
    c.date,
    c.subject,
    c.fixedBy.length > 0 ? 1 : 0,
    c.revertedBy.length > 0 ? 1 : 0,
    c.fixedBy.join(" "),
    c.revertedBy.join(" "),
  ];
  const lines = [
    ...rows.map((r) => [
      ...labels(r),
      r.lines,
      r.facts.filesChanged,
      r.facts.linesAdded,
      r.facts.linesDeleted,
      r.facts.lockfileLines,
      r.facts.testFilesChanged,
      r.facts.directories,
      r.facts.modules,
      r.risk,
      r.verdict,
      r.reasons.join(" | "),
      r.seconds.toFixed(2),
      ...signalIds.map((id) => r.signals[id] ?? 0),
      "",
    ]),
    ...failed.map((f) => [...labels(f), ...Array(9).fill(""), "error", "", "", ...signalIds.map(() => ""), f.error]),
  ];
  return [header, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}

/** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
