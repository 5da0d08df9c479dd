import type { PatchLines, PullText, RiskFacts } from "../../checks/risk-facts.js";
import type { Evidence } from "../../checks/signal-definition.js";
import { SIGNALS_IN_REPORT_ORDER, type SignalId } from "../../checks/signals/index.js";
import type { Change, ChangedFile, FileContent, FileHistory } from "../../gather/change.js";
import type { Score } from "../../score/score-schema.js";
import { isHandWritten } from "../../checks/file-kinds.js";
import { createModuleMap, type ModuleMap } from "../conformance/index.js";
import type { Note } from "../note.js";
import { exportedApi } from "./exported-api.js";
import { patchLines } from "./patch-lines.js";
import { riskLevel } from "./risk-level.js";
import type { Risk, Signal } from "./risk-schema.js";
import { unreadDiffs } from "./unread-diffs.js";
import { unreadTexts } from "./unread-texts.js";
import { workspacePackageNames } from "./workspace-package-names.js";

export interface RiskAssessment {
  readonly risk: Risk;
  /** Why a conductor must look whatever the points: protected paths, a changed score. */
  readonly conductorReasons: string[];
  /** Each signal's places, for annotations. */
  readonly evidence: ReadonlyMap<SignalId, readonly Evidence[]>;
  /** Files the signals could not read (no patch, no text): named unjudged, never taken for unchanged. */
  readonly notes: Note[];
  /** What the signals weighed: the second reader's findings are weighed over the same facts, read once. */
  readonly facts: RiskFacts;
}

export interface RiskInput {
  readonly score: Score;
  readonly change: Change;
  readonly scorePath: string;
  readonly pullText?: PullText;
}

/** SPEC §2, risk: the capped sum of explained signals, each a pure function of the change's facts. */
export async function assessRisk({ score, change, scorePath, pullText }: RiskInput): Promise<RiskAssessment> {
  const files = await change.files();
  const modules = createModuleMap(score);
  const workspacePackages = await workspacePackageNames(change, files);
  const memo = new Map<ChangedFile, PatchLines>();
  const wanted = files.filter((f) => SIGNALS_IN_REPORT_ORDER.some((s) => s.wants?.(f, { modules })));
  const counted = files.filter((f) => !f.binary && (f.status === "modified" || f.status === "renamed"));
  const [read, history] = await Promise.all([readTexts(change, wanted, counted), readHistory(change, files, modules)]);
  const facts: RiskFacts = {
    modules,
    protectedEntries: score.protected,
    scorePath,
    workspacePackages,
    files,
    lines: (file) => {
      let lines = memo.get(file);
      if (!lines) memo.set(file, (lines = patchLines(file.patch)));
      return lines;
    },
    texts: read.texts,
    exportsOf: exportedApi,
    baseLines: read.baseLines,
    history: history.history,
    ...(pullText ? { pullText } : {}),
  };
  return {
    ...weighSignals(facts, score),
    facts,
    notes: [...unreadDiffs(files), ...read.notes, ...history.notes],
  };
}

/**
 * Every registered signal over the facts, each at its full points (or its `risk.weights` override) times its
 * strength, and their capped sum. Pure: the second reader's findings, once verified, are weighed by running it
 * again over the same facts with them added.
 */
export function weighSignals(
  facts: RiskFacts,
  score: Score,
): Pick<RiskAssessment, "risk" | "conductorReasons" | "evidence"> {
  const signals: Signal[] = [];
  const evidence = new Map<SignalId, readonly Evidence[]>();
  const conductorReasons: string[] = [];
  for (const signal of SIGNALS_IN_REPORT_ORDER) {
    const hit = signal.evaluate(facts);
    if (!hit) continue;
    evidence.set(signal.id, hit.evidence);
    // Before the points: a weight of 0 silences a signal's points, never the conductor it needs.
    conductorReasons.push(...(signal.conductorReasons?.(hit.evidence, facts) ?? []));
    const points = Math.round(fullPoints(signal.id, signal.points, score) * hit.strength);
    if (points <= 0) continue;
    const first = hit.evidence.find((e) => e.file !== undefined);
    signals.push({
      id: signal.id,
      points,
      detail: hit.detail,
      ...(first?.file ? { file: first.file } : {}),
      ...(first?.line ? { line: first.line } : {}),
    });
  }
  const total = Math.min(
    100,
    signals.reduce((sum, s) => sum + s.points, 0),
  );
  return { risk: { score: total, level: riskLevel(total, score), signals }, conductorReasons, evidence };
}

/** A signal's points at full strength: `risk.weights` first; the second reader's cap is the score's `llm.max_points`. */
function fullPoints(id: SignalId, points: number, score: Score): number {
  return score.risk.weights[id] ?? (id === "llm" ? score.llm.max_points : points);
}

function lineCount(text: string): number {
  return text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** At most this many files' history is asked for (one or two GitHub queries): the most changed first. */
export const MAX_HISTORY_FILES = 200;

/**
 * The recent history of the judged files that existed at base, in one batch. A source that cannot
 * tell gives none; one that fails is said in a note, and risk is weighed without it.
 */
async function readHistory(
  change: Change,
  files: readonly ChangedFile[],
  modules: ModuleMap,
): Promise<{ history: ReadonlyMap<string, FileHistory> | undefined; notes: Note[] }> {
  if (!change.history) return { history: undefined, notes: [] };
  const paths = files
    .filter((f) => f.status !== "added" && !f.binary && !modules.isIgnored(f.path) && isHandWritten(f.path))
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
    .slice(0, MAX_HISTORY_FILES)
    .map((f) => f.previousPath ?? f.path);
  if (paths.length === 0) return { history: new Map(), notes: [] };
  try {
    return { history: await change.history(paths), notes: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      history: undefined,
      notes: [
        {
          unjudged: false,
          message: `the changed files' recent history could not be read (${reason}): risk was weighed without it`,
        },
      ],
    };
  }
}

/**
 * The texts the signals asked for (`wanted`, at base and head), and the length at base of every
 * modified text file (`counted`, relative churn's denominator), in one read per side.
 */
async function readTexts(
  change: Change,
  wanted: readonly ChangedFile[],
  counted: readonly ChangedFile[],
): Promise<{ texts: Map<string, { base?: string; head?: string }>; notes: Note[]; baseLines: Map<string, number> }> {
  const texts = new Map<string, { base?: string; head?: string }>();
  const baseLines = new Map<string, number>();
  if (wanted.length === 0 && counted.length === 0) return { texts, notes: [], baseLines };
  const basePaths = new Set(
    [...wanted.filter((f) => f.status !== "added"), ...counted].map((f) => f.previousPath ?? f.path),
  );
  const headPaths = wanted.filter((f) => f.status !== "removed").map((f) => f.path);
  const [base, head] = await Promise.all([
    change.read("base", [...basePaths]),
    wanted.length > 0 ? change.read("head", headPaths) : new Map<string, FileContent>(),
  ]);
  for (const f of wanted) {
    const before = base.get(f.previousPath ?? f.path);
    const after = head.get(f.path);
    texts.set(f.path, {
      ...(before?.kind === "text" ? { base: before.text } : {}),
      ...(after?.kind === "text" ? { head: after.text } : {}),
    });
  }
  for (const f of counted) {
    const content = base.get(f.previousPath ?? f.path);
    if (content?.kind === "text") baseLines.set(f.path, lineCount(content.text));
  }
  return { texts, notes: unreadTexts(wanted, base, head), baseLines };
}
