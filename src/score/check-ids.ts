/** The stable ids users see in annotations, in `/maestro explain <id>` and in `risk.weights`. */
export const RULE_IDS = ["boundary", "public-api", "forbidden-package", "cycle", "unmapped"] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SIGNAL_IDS = [
  "size",
  "breadth",
  "protected",
  "score-changed",
  "dependencies",
  "untested",
  "tests-weakened",
  "suppressions",
  "secrets",
  "api-removed",
  "binary",
  "ci-infra",
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];
