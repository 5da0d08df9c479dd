import type { VerifiedFinding } from "./finding-schema.js";

/**
 * Each verified finding's share of `llm.max_points`, in sixths so that the sum is exact: a low finding is ⅙, a medium
 * one ⅓, a high one ⅔. With the default cap of 30 that is 5, 10 and 20 points: one high finding alone stays below the
 * default `review_at` (40), so the model tips a change to a conductor only where the rules already see some risk.
 */
const SIXTHS: Readonly<Record<VerifiedFinding["severity"], number>> = { low: 1, medium: 2, high: 4 };

/** A severity's share of the cap: 1/6, 1/3 or 2/3. */
export function severityShare(severity: VerifiedFinding["severity"]): number {
  return SIXTHS[severity] / 6;
}

/** The `llm` signal's strength: the findings' shares added up, never past the whole cap. */
export function readingStrength(findings: readonly Pick<VerifiedFinding, "severity">[]): number {
  return (
    Math.min(
      6,
      findings.reduce((sum, f) => sum + SIXTHS[f.severity], 0),
    ) / 6
  );
}
