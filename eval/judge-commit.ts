import { createModuleMap, type GraphCache } from "../src/analyse/conformance/index.js";
import type { VerdictKind } from "../src/decide/verdict.js";
import { openGitChange } from "../src/gather/git/git-change.js";
import { reviewChange } from "../src/review/review-change.js";
import type { Score } from "../src/score/score-schema.js";
import { commitFacts, type CommitFacts } from "./commit-facts.js";

export interface Judgement {
  readonly verdict: VerdictKind;
  /** Why the verdict is what it is, as Maestro says it: the noise is read from these. */
  readonly reasons: readonly string[];
  readonly risk: number;
  /** Signal id → its points (signals that did not fire are absent). */
  readonly signals: Readonly<Record<string, number>>;
  /** Additions plus deletions over every file: the baseline the risk score must beat. */
  readonly lines: number;
  readonly facts: CommitFacts;
  readonly seconds: number;
}

export type JudgeResult =
  { readonly ok: true; readonly judgement: Judgement } | { readonly ok: false; readonly error: string };

export interface JudgeInput {
  readonly repoDir: string;
  /** The commit judged as an agent's change: base its first parent, head itself. */
  readonly sha: string;
  readonly score: Score;
  readonly cache: GraphCache;
  /** A commit that takes longer is counted as failed (its work may go on in the background). */
  readonly timeoutMs?: number;
}

/**
 * One commit through Maestro's real pipeline, in this process, as an agent change. A commit that
 * cannot be judged (an error, a timeout) comes back as a failure with its reason, for the report to
 * count and name: never dropped.
 */
export async function judgeCommit(input: JudgeInput): Promise<JudgeResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${input.timeoutMs} ms`)), input.timeoutMs ?? 300_000);
  });
  try {
    return { ok: true, judgement: await Promise.race([judge(input, started), timeout]) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function judge(input: JudgeInput, started: number): Promise<Judgement> {
  const change = await openGitChange({ repoDir: input.repoDir, base: `${input.sha}^1`, head: input.sha });
  const { verdict } = await reviewChange({ score: input.score, change, scope: "change", cache: input.cache });
  const files = await change.files();
  const signals: Record<string, number> = {};
  for (const s of verdict.risk.signals) signals[s.id] = (signals[s.id] ?? 0) + s.points;
  return {
    verdict: verdict.verdict,
    reasons: verdict.reasons,
    risk: verdict.risk.score,
    signals,
    lines: files.reduce((sum, f) => sum + f.additions + f.deletions, 0),
    facts: commitFacts(files, createModuleMap(input.score)),
    seconds: (Date.now() - started) / 1000,
  };
}
