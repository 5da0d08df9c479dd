import { checkConformance } from "../analyse/conformance/check-conformance.js";
import type { GraphCache } from "../analyse/conformance/graph-cache.js";
import type { ModuleGraph } from "../analyse/conformance/module-graph.js";
import { riskLevel } from "../analyse/risk/risk-level.js";
import { decide } from "../decide/decide.js";
import type { Verdict } from "../decide/verdict.js";
import type { Change } from "../gather/change.js";
import type { Score } from "../score/score-schema.js";

export interface ReviewInput {
  readonly score: Score;
  readonly change: Change;
  readonly scope: "change" | "all";
  readonly cache?: GraphCache;
}

export interface Review {
  readonly verdict: Verdict;
  /** Module edges at head and base, for the report's graph of what the change adds. */
  readonly headGraph: ModuleGraph;
  readonly baseGraph?: ModuleGraph;
}

/** The pipeline, gather → analyse → decide, over facts only: the one entry the CLI and the app share. */
export async function reviewChange(input: ReviewInput): Promise<Review> {
  const conformance = await checkConformance(input);
  const risk = { score: 0, level: riskLevel(0, input.score), signals: [] };
  const verdict = decide({ score: input.score, violations: conformance.violations, risk, notes: conformance.notes });
  return { verdict, headGraph: conformance.headGraph, baseGraph: conformance.baseGraph };
}
