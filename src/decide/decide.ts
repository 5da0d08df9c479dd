import type { Note } from "../analyse/note.js";
import type { Violation } from "../analyse/violation.js";
import { RULE_IDS, type RuleId } from "../checks/rules/index.js";
import type { Score } from "../score/score-schema.js";
import type { Subject } from "./detect-agent.js";
import { repairReason } from "./repair-reason.js";
import type { AgentRecord } from "./agent-record-schema.js";
import { trustReviewAt } from "./trust-review-at.js";
import type { Fixed, Risk, Verdict, VerdictKind } from "./verdict.js";

export interface DecisionInput {
  readonly score: Score;
  readonly violations: readonly Violation[];
  /** Violations at base, in the files the change touches, that the head no longer has. */
  readonly fixed: readonly { readonly rule: RuleId }[];
  readonly risk: Risk;
  readonly notes: readonly Note[];
  /** Reasons a conductor must look whatever the risk: protected paths, a changed score. */
  readonly conductorReasons?: readonly string[];
  readonly subject: Subject;
  /** The agent's 30-day record on the podium: with its part's `trust`, it may lower review_at. */
  readonly record?: AgentRecord;
}

/**
 * SPEC §3's table, in one place: a blocking violation or risk ≥ block_at blocks; a protected path,
 * a changed score, risk ≥ review_at or a part of the change that could not be judged needs a
 * conductor; anything else passes. Every reason that applies is listed, blocking ones first.
 * Violations the change fixes are said too: first on a pass (a clean-up is good news, whatever
 * warnings its touched files still carry), after the reasons that block or need a conductor otherwise.
 * A human PR under `advise` gets the same verdict, marked advisory: it is shown, never enforced.
 */
export function decide(input: DecisionInput): Verdict {
  const { score, violations, risk, notes } = input;
  const blocking = violations.filter((v) => v.introduced && v.severity === "error");
  const block: string[] = countByRule(blocking).map(([rule, n]) => `${n} new ${rule} violation${n === 1 ? "" : "s"}`);
  if (risk.score >= score.risk.block_at) block.push(`risk ${risk.score} ≥ block_at ${score.risk.block_at}`);

  const conductor: string[] = [...(input.conductorReasons ?? [])];
  const part = input.subject.part;
  // Trust lowers review_at for this agent alone, and always says so: never stricter silently.
  const lowered = trustReviewAt(score.risk.review_at, part, input.record);
  const reviewAt = lowered?.reviewAt ?? score.risk.review_at;
  if (risk.score >= reviewAt && risk.score < score.risk.block_at)
    conductor.push(`risk ${risk.score} ≥ review_at ${reviewAt}${lowered ? `, ${lowered.because}` : ""}`);
  // A part's max_risk asks for a conductor sooner than review_at for that agent alone; above review_at it adds nothing.
  if (part?.max_risk !== undefined && risk.score >= part.max_risk && risk.score < reviewAt)
    conductor.push(`risk ${risk.score} ≥ max_risk ${part.max_risk} of part "${part.name}"`);
  const unjudged = notes.filter((n) => n.unjudged);
  if (unjudged.length > 0) {
    conductor.push(
      `${unjudged.length} changed file${unjudged.length === 1 ? "" : "s"} could not be judged: a conductor must look (${unjudged
        .map((n) => n.file ?? "?")
        .slice(0, 5)
        .join(", ")})`,
    );
  }

  const verdict: VerdictKind = block.length > 0 ? "block" : conductor.length > 0 ? "conductor" : "pass";
  const fixed = countFixed(input.fixed);
  const repair = repairReason(fixed);
  const reasons = [...block, ...conductor];
  if (reasons.length === 0) reasons.push(...(repair ? [repair] : []), passReason(violations, risk, reviewAt));
  else if (repair) reasons.push(repair);
  if (lowered && risk.score < reviewAt) reasons.push(`review_at ${reviewAt} applies, ${lowered.because}`);
  if (input.subject.policy !== "enforce")
    reasons.push(`advisory only: human PR (${input.subject.reason}; agents.human_prs: ${input.subject.policy})`);
  return {
    verdict,
    violations: [...violations],
    // The level follows the review_at that applied: a conductor verdict never shows a `low` risk.
    risk: lowered && risk.level === "low" && risk.score >= reviewAt ? { ...risk, level: "medium" } : risk,
    reasons,
    notes: [...notes],
    subject: shown(input.subject),
    fixed,
  };
}

/** Says which warnings are the change's own and which it only walked past: the latter were there before it. */
function passReason(violations: readonly Violation[], risk: Risk, reviewAt: number): string {
  const fresh = violations.filter((v) => v.introduced).length;
  const old = violations.length - fresh;
  const parts = [
    ...(fresh ? [`${fresh} new warning${fresh === 1 ? "" : "s"}`] : []),
    ...(old ? [`${old} violation${old === 1 ? "" : "s"} already at base`] : []),
  ];
  const tail = parts.length ? `; ${parts.join(" and ")}, not blocking` : "";
  return `no blocking violation, risk ${risk.score} < review_at ${reviewAt}${tail}`;
}

/** The subject as the verdict shows it: a part's trust settings are the score's, and its reasons say what they did. */
function shown(subject: Subject): Subject {
  if (subject.part?.trust === undefined) return subject;
  const { name, modules, max_risk } = subject.part;
  return { ...subject, part: { name, modules, ...(max_risk === undefined ? {} : { max_risk }) } };
}

function countByRule(violations: readonly { readonly rule: RuleId }[]): [RuleId, number][] {
  const counts = new Map<RuleId, number>();
  for (const v of violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  return [...counts];
}

/** The fixed violations counted per rule, in the registry's order. */
function countFixed(fixed: readonly { readonly rule: RuleId }[]): Fixed {
  const counts = new Map(countByRule(fixed));
  return {
    count: fixed.length,
    rules: RULE_IDS.flatMap((rule) => {
      const count = counts.get(rule);
      return count ? [{ rule, count }] : [];
    }),
  };
}
