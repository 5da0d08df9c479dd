import { assessRisk, weighSignals } from "../../../src/analyse/risk/assess-risk.js";
import type { RiskFacts } from "../../../src/checks/risk-facts.js";
import type { Evidence } from "../../../src/checks/signal-definition.js";
import type { SignalId } from "../../../src/checks/signals/index.js";
import { createMemoryChange, type MemoryChangeOptions, type Tree } from "../../../src/gather/memory-change.js";
import { parseScore } from "../../../src/score/parse-score.js";

/**
 * What a user sees of one signal: its row in the verdict (points, detail, where) and its evidence (the annotations).
 */
export interface SignalSeen {
  readonly points?: number;
  readonly detail?: string;
  readonly file?: string;
  readonly line?: number;
  readonly evidence: readonly Evidence[];
  /** What the verdict says a conductor must look at, when the signal asks for one. */
  readonly conductorReasons?: readonly string[];
}

/** One row of a signal's table: the change, and what the user sees (undefined: the signal stays quiet). */
export interface SignalCase {
  readonly name: string;
  /** The base tree; none means every head file is added. */
  readonly base?: Tree;
  readonly head: Tree;
  /** head path → base path, for renamed files. */
  readonly renames?: Readonly<Record<string, string>>;
  /** Each base path's recent history; absent, the change cannot tell. */
  readonly history?: MemoryChangeOptions["history"];
  /** The score the case is judged under, when not `version: 1` alone. */
  readonly score?: string;
  /** The second reader's verified findings, weighed with the rules as a review does once it has answered. */
  readonly reading?: RiskFacts["reading"];
  /** The other open PRs this change overlaps, weighed after the rules as a review does once it compared them. */
  readonly contention?: RiskFacts["contention"];
  readonly seen: SignalSeen | undefined;
}

/**
 * Assesses the risk of an in-memory change under a score, as a review does, and keeps what one
 * signal raised: undefined when it did not fire. A signal that fires with no points (a weight of 0)
 * still shows its evidence.
 */
export async function signalSeen(
  id: SignalId,
  change: MemoryChangeOptions,
  scoreText = "version: 1\n",
  reading?: RiskFacts["reading"],
  contention?: RiskFacts["contention"],
): Promise<SignalSeen | undefined> {
  const parsed = parseScore(scoreText);
  if (!parsed.ok) throw new Error(`the test's score is invalid: ${JSON.stringify(parsed.problems)}`);
  const rules = await assessRisk({
    score: parsed.score,
    change: createMemoryChange(change),
    scorePath: ".github/maestro.yml",
  });
  const later = { ...(reading ? { reading } : {}), ...(contention ? { contention } : {}) };
  const assessment = reading || contention ? weighSignals({ ...rules.facts, ...later }, parsed.score) : rules;
  const evidence = assessment.evidence.get(id);
  if (evidence === undefined) return undefined;
  const row = assessment.risk.signals.find((s) => s.id === id);
  return {
    ...(row ? { points: row.points, detail: row.detail } : {}),
    ...(row?.file !== undefined ? { file: row.file } : {}),
    ...(row?.line !== undefined ? { line: row.line } : {}),
    evidence,
    ...(assessment.conductorReasons.length > 0 ? { conductorReasons: assessment.conductorReasons } : {}),
  };
}

/** `n` lines made by `make`, each ending in a newline. */
export const lines = (n: number, make: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => make(i)).join("\n") + "\n";
