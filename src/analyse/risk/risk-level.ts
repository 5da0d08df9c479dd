import type { Score } from "../../score/score-schema.js";

export type RiskLevel = "low" | "medium" | "high";

/** low below review_at, medium up to block_at, high from block_at on. */
export function riskLevel(points: number, score: Score): RiskLevel {
  if (points >= score.risk.block_at) return "high";
  if (points >= score.risk.review_at) return "medium";
  return "low";
}
