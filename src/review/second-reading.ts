import {
  loadO200k,
  verifyFindings,
  type ReaderReply,
  type SecondReader,
  type SecondReading,
} from "../analyse/reader/index.js";
import { weighSignals, type PullText, type RiskAssessment } from "../analyse/risk/index.js";
import type { Verdict } from "../decide/verdict.js";
import type { Change } from "../gather/change.js";
import type { Score } from "../score/score-schema.js";

export interface SecondReadingInput {
  readonly score: Score;
  readonly change: Change;
  readonly pullText?: PullText;
  readonly reader: SecondReader;
  /** `all` judges a whole tree: there is no diff for a model to read. */
  readonly scope: "change" | "all";
}

/** The risk to decide on after the second reader, and what the verdict says of the reading. */
export interface SecondReadingResult {
  readonly weighed: Pick<RiskAssessment, "risk" | "conductorReasons" | "evidence">;
  readonly section: SecondReading;
}

/**
 * Asks the second reader about a change the rules have judged, and weighs what it found that holds up. The
 * reader can only add: its verified findings are the `llm` signal, weighed with every other signal over the same
 * facts; an answer with none, a reader that fails or one that is not asked leaves the rules' weighing as it was,
 * and the section says why. A reader that throws is unavailable, never a failed review.
 */
export async function secondReading(
  input: SecondReadingInput,
  rules: Verdict,
  assessment: RiskAssessment,
): Promise<SecondReadingResult> {
  const { score } = input;
  const unchanged = {
    risk: assessment.risk,
    conductorReasons: assessment.conductorReasons,
    evidence: assessment.evidence,
  };
  const skipped = (reason: string): SecondReadingResult => ({
    weighed: unchanged,
    section: { status: "skipped", reason, findings: [], dropped: 0, leftOut: [], cut: [] },
  });
  if (input.scope === "all") return skipped("a check of every file (--all) has no diff to read");
  if (assessment.facts.files.length === 0) return skipped("the change has no changed file");
  if (rules.subject.policy === "skip")
    return skipped(`a human's PR under agents.human_prs: skip (${rules.subject.reason})`);
  const half = score.risk.review_at / 2;
  if (score.llm.when === "risky" && rules.risk.score < half)
    return skipped(`the rules' risk ${rules.risk.score} is below half of review_at (${half}), and llm.when is risky`);

  const reply = await input
    .reader({
      score,
      change: input.change,
      rules: { violations: rules.violations, signals: rules.risk.signals },
      ...(input.pullText ? { pullText: input.pullText } : {}),
    })
    .catch((error: unknown): ReaderReply => ({
      kind: "unavailable",
      reason: error instanceof Error ? error.message : String(error),
    }));
  if (reply.kind === "unavailable")
    return {
      weighed: unchanged,
      section: {
        status: "unavailable",
        reason: reply.reason,
        findings: [],
        dropped: 0,
        leftOut: [...(reply.leftOut ?? [])],
        cut: [...(reply.cut ?? [])],
        ...(reply.provenance ? { provenance: reply.provenance } : {}),
      },
    };
  // A cached answer comes without a preparation: verifying a quote of a redacted line redacts, which counts tokens.
  await loadO200k();
  const { verified, dropped } = verifyFindings(reply.answer, assessment.facts.files, assessment.facts.lines);
  return {
    // Nothing verified adds nothing: the rules' weighing stands, and a re-review from the cache costs no re-weighing.
    weighed:
      verified.length === 0 ? unchanged : weighSignals({ ...assessment.facts, reading: { findings: verified } }, score),
    section: {
      status: "read",
      findings: verified,
      dropped,
      leftOut: [...reply.leftOut],
      cut: [...(reply.cut ?? [])],
      provenance: reply.provenance,
    },
  };
}
