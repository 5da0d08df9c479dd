import type { DepcruiseSetup } from "./depcruise-workspace-config.js";
import type { Measurement } from "./measure.js";

/** The boundary the monorepo's one-file change breaks, which both tools must find. */
export interface Boundary {
  readonly from: string;
  readonly to: string;
}

/** What each tool found: the change's violation, `--all`'s violations, and the module edges each saw at the head. */
export function reportFindings(
  cold: Measurement,
  warm: Measurement,
  all: Measurement,
  cruise: Measurement,
  graph: Measurement,
  cruiser: DepcruiseSetup,
  boundary: Boundary,
): void {
  const verdict = (x: Measurement) =>
    parse(x.stdout) as { verdict?: string; violations?: Violation[]; notes?: unknown[] } | undefined;
  const change = verdict(cold);
  const caught = (change?.violations ?? []).filter(
    (v) => v.rule === "boundary" && v.from === boundary.from && v.to === boundary.to,
  );
  console.log(
    `  the change: ${change?.verdict ?? "no verdict"}, ${change?.violations?.length ?? 0} violation(s), ${caught.length > 0 ? `the ${boundary.from} → ${boundary.to} boundary found` : `the ${boundary.from} → ${boundary.to} boundary NOT FOUND`}; warm verdict the same: ${verdict(warm)?.verdict === change?.verdict}`,
  );
  const whole = verdict(all);
  const byRule = new Map<string, number>();
  for (const v of whole?.violations ?? [])
    byRule.set(`${v.rule} ${v.severity}`, (byRule.get(`${v.rule} ${v.severity}`) ?? 0) + 1);
  console.log(
    `  --all at the base: ${whole?.verdict ?? "no verdict"}, ${whole?.violations?.length ?? 0} violation(s) (${[...byRule].map(([k, n]) => `${n} ${k}`).join(", ") || "none"}), ${whole?.notes?.length ?? 0} note(s)`,
  );

  const maestroEdges = new Map<string, number>();
  for (const [, from, to, n] of graph.stdout.matchAll(/^\s*"([^"]+)" -> "([^"]+)" \[label="(\d+)"/gm))
    maestroEdges.set(`${from} → ${to}`, Number(n));
  const dc = parse(cruise.stdout) as DepcruiseOutput | undefined;
  const dcEdges = new Map<string, number>();
  let unresolved = 0;
  for (const mod of dc?.modules ?? [])
    for (const dep of mod.dependencies ?? []) {
      if (dep.couldNotResolve) unresolved++;
      const from = cruiser.moduleOf(mod.source);
      const to = dep.couldNotResolve ? undefined : cruiser.moduleOf(dep.resolved);
      if (from && to && from !== to) dcEdges.set(`${from} → ${to}`, (dcEdges.get(`${from} → ${to}`) ?? 0) + 1);
    }
  const sum = (edges: Map<string, number>) => [...edges.values()].reduce((a, b) => a + b, 0);
  const onlyIn = (a: Map<string, number>, b: Map<string, number>) => [...a.keys()].filter((k) => !b.has(k));
  console.log(
    `  module edges at the head: maestro graph ${maestroEdges.size} (${sum(maestroEdges)} imports, exit ${graph.exitCode}), dependency-cruiser ${dcEdges.size} (${sum(dcEdges)} imports); only Maestro's: ${list(onlyIn(maestroEdges, dcEdges))}; only dependency-cruiser's: ${list(onlyIn(dcEdges, maestroEdges))}`,
  );
  const dcViolations = dc?.summary?.violations ?? [];
  console.log(
    `  dependency-cruiser: ${dc?.summary?.totalCruised ?? "?"} modules cruised, ${dc?.summary?.totalDependenciesCruised ?? "?"} dependencies (${unresolved} not resolved: npm packages, not installed), ${dcViolations.length} violation(s): ${list(dcViolations.map((v) => `${v.rule.name} ${v.from} → ${v.to}`))}`,
  );
}

interface Violation {
  readonly rule: string;
  readonly severity: string;
  readonly from: string | null;
  readonly to: string | null;
}

interface DepcruiseOutput {
  readonly modules?: { source: string; dependencies?: { resolved: string; couldNotResolve?: boolean }[] }[];
  readonly summary?: {
    totalCruised?: number;
    totalDependenciesCruised?: number;
    violations?: { from: string; to: string; rule: { name: string } }[];
  };
}

export function parse(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

function list(items: readonly string[]): string {
  return items.length === 0
    ? "none"
    : `${items.slice(0, 6).join(", ")}${items.length > 6 ? `, and ${items.length - 6} more` : ""}`;
}
