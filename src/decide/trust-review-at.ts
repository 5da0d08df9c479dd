import type { AgentRecord } from "./agent-record-schema.js";
import type { Subject } from "./detect-agent.js";

/** A review_at lowered by an agent's record, and the words that say why. */
export interface LoweredReviewAt {
  readonly reviewAt: number;
  /** `lowered from 40 by part "codex"'s record: 4 of 10 PRs blocked in 30 days (max_block_rate 0.3)`. */
  readonly because: string;
}

/**
 * Earned autonomy (`agents.parts[].trust`): once the part's agent has at least `min_prs` PRs judged in the record's
 * window and more of them were blocked, or had a block overridden, than its limits allow, its PRs get the lower of
 * the two review_at. Without trust, without a record, or below min_prs, nothing changes.
 */
export function trustReviewAt(
  reviewAt: number,
  part: Subject["part"],
  record: AgentRecord | undefined,
): LoweredReviewAt | undefined {
  const trust = part?.trust;
  if (!part || !trust || !record || record.judged < trust.min_prs || trust.review_at >= reviewAt) return undefined;
  const over: string[] = [];
  const of = (n: number, what: string) => `${n} of ${record.judged} PRs ${what} in ${record.days} days`;
  if (trust.max_block_rate !== undefined && record.everBlocked / record.judged > trust.max_block_rate)
    over.push(`${of(record.everBlocked, "blocked")} (max_block_rate ${trust.max_block_rate})`);
  if (trust.max_override_rate !== undefined && record.overrides / record.judged > trust.max_override_rate)
    over.push(`${of(record.overrides, "overridden")} (max_override_rate ${trust.max_override_rate})`);
  if (over.length === 0) return undefined;
  return {
    reviewAt: trust.review_at,
    because: `lowered from ${reviewAt} by part "${part.name}"'s record: ${over.join(" and ")}`,
  };
}
