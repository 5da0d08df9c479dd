import type { PatchLine, PatchLines } from "../../checks/risk-facts.js";
import type { ChangedFile } from "../../gather/change.js";
import { stripHiddenUnicode } from "../../shared/hidden-unicode.js";
import type { AnsweredFinding, ReaderAnswer, VerifiedFinding } from "./finding-schema.js";
import { readablePatch } from "./readable-patch.js";
import { REDACTED } from "./redact-secrets.js";
import { shownPath } from "./shown-path.js";

/** What a verdict, a summary and an annotation hold of a finding at most: a model may write at any length. */
const MAX_EXPLANATION = 500;
const MAX_EVIDENCE = 200;
/** A quote may run on over this many consecutive changed lines, the cited one first. */
const MAX_QUOTED_LINES = 5;
/**
 * A quote this short proves nothing unless it is the whole line (`}`): `a` is on most lines. An empty quote never
 * verifies: it is no line's whole text but an empty line's, and on an empty line it starts on nothing.
 */
const MIN_QUOTE = 3;
/**
 * The most findings kept, the most severe first: points are capped anyway, and a hostile answer of a thousand findings
 * that each quote a real line must not become a thousand annotations. Those past it are dropped and counted.
 */
export const MAX_FINDINGS = 20;

/**
 * The findings Maestro could check against the change (SPEC §4): the file is changed, the line is an added line at
 * that head line or a removed line placed there (or at that base line), and the quote is on it, or runs on from it
 * over the next changed lines. A quote of a redacted line may quote it redacted. The rest are dropped and counted.
 * Identical findings count once, at the highest severity given; at most MAX_FINDINGS are kept.
 */
export function verifyFindings(
  answer: ReaderAnswer,
  files: readonly ChangedFile[],
  lines: (file: ChangedFile) => PatchLines,
): { verified: VerifiedFinding[]; dropped: number } {
  const byKey = new Map<string, VerifiedFinding>();
  let dropped = 0;
  for (const finding of answer.findings) {
    const file = fileOf(finding.file, files);
    if (!file || !quoted(finding, file, lines(file))) {
      dropped++;
      continue;
    }
    const verified: VerifiedFinding = {
      kind: finding.kind,
      severity: finding.severity,
      file: file.path,
      line: finding.line,
      explanation: clamp(folded(finding.explanation), MAX_EXPLANATION),
      evidence: clamp(folded(finding.evidence), MAX_EVIDENCE),
    };
    const key = JSON.stringify([verified.kind, verified.file, verified.line, verified.evidence]);
    const seen = byKey.get(key);
    if (!seen || SEVERITY_RANK[verified.severity] > SEVERITY_RANK[seen.severity]) byKey.set(key, verified);
  }
  const kept = [...byKey.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return { verified: kept.slice(0, MAX_FINDINGS), dropped: dropped + Math.max(0, kept.length - MAX_FINDINGS) };
}

const SEVERITY_RANK: Readonly<Record<VerifiedFinding["severity"], number>> = { low: 0, medium: 1, high: 2 };

/** The changed file a finding names, as written in the change or as the model was shown it. */
function fileOf(path: string, files: readonly ChangedFile[]): ChangedFile | undefined {
  return files.find((f) => f.path === path) ?? files.find((f) => shownPath(f.path) === path);
}

/** Whether the quote is on a changed line at the finding's line, as written or as the model was shown it. */
function quoted(finding: AnsweredFinding, file: ChangedFile, { added, removed }: PatchLines): boolean {
  const quote = folded(finding.evidence);
  const runs = [
    ...runsFrom("added", added, (l) => l.line === finding.line),
    ...runsFrom("removed", removed, (l) => l.headLine === finding.line || l.line === finding.line),
  ];
  const on = (texts: (run: Run) => string[]) => runs.some((run) => holds(texts(run), quote));
  if (on((run) => run.lines.map((l) => l.text))) return true;
  // The model saw secrets as [REDACTED]: a quote of one is checked on the lines redacted as they were sent (read
  // again for such a quote alone).
  if (!quote.includes(REDACTED)) return false;
  const shown = readablePatch(file).lines;
  const asShown = (kind: Run["kind"], l: PatchLine) =>
    shown.find((s) => s.kind === kind && (kind === "added" ? s.line : s.baseLine) === l.line)?.text ?? l.text;
  return on((run) => run.lines.map((l) => asShown(run.kind, l)));
}

/** A changed line at the finding, and the lines of its kind right after it (consecutive numbers). */
interface Run {
  readonly kind: "added" | "removed";
  readonly lines: readonly PatchLine[];
}

function runsFrom<T extends PatchLine>(kind: Run["kind"], lines: readonly T[], at: (line: T) => boolean): Run[] {
  return lines.flatMap((line, i) => {
    if (!at(line)) return [];
    const run: PatchLine[] = [line];
    for (const next of lines.slice(i + 1, i + MAX_QUOTED_LINES)) {
      if (next.line !== line.line + run.length) break;
      run.push(next);
    }
    return [{ kind, lines: run }];
  });
}

/** Whether the quote starts on the run's first line (and may run on over the next ones). */
function holds(texts: readonly string[], quote: string): boolean {
  const lines = texts.map(folded);
  const first = lines[0] ?? "";
  if (quote.length < MIN_QUOTE && quote !== first) return false;
  // The first place the quote is found is the earliest it can start.
  const at = lines.join(" ").indexOf(quote);
  return at >= 0 && at < first.length;
}

/** Text as compared and kept: hidden characters stripped, whitespace folded to single spaces, trimmed. */
function folded(text: string): string {
  return stripHiddenUnicode(text).replace(/\s+/g, " ").trim();
}

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
