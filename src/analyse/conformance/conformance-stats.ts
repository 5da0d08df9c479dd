/**
 * What one conformance check cost, for `MAESTRO_STATS` and the benchmark: whether it ran, where the base graph came
 * from, which imports a changed config sent back to the resolver, and how many files were parsed and imports resolved.
 */
export interface ConformanceStats {
  conformance: "judged" | "nothing to judge" | "not run";
  graph: "cached" | "built" | "not needed";
  configs: "none" | "some imports" | "all imports";
  parsed: number;
  resolved: number;
}

export function newStats(): ConformanceStats {
  return { conformance: "not run", graph: "not needed", configs: "none", parsed: 0, resolved: 0 };
}
