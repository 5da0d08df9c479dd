import type { PodiumPull } from "./podium-state-schema.js";
import { mermaidText } from "./podium-text.js";
import { contentionOf } from "./contention-of.js";

/** GitHub's colour for what went wrong: contention edges stand out from what each agent plays. */
const RED = "stroke:#d73a49,stroke-width:3px";

/**
 * A Mermaid `graph LR` of the agents and the modules their open PRs change (an edge per agent and module, naming the
 * PRs), then each contention pair as a red edge between the two agents (a human's PR is one `human PRs` node). Node
 * ids are Maestro's own (`a0`, `m0`, `h`); names are labels in Mermaid entities, so no name can end the block.
 */
export function podiumGraph(agents: readonly PodiumPull[], open: readonly PodiumPull[]): string[] {
  if (agents.length === 0) return ["_Nothing is playing now._"];
  const agentIds = idsOf(
    agents.map((p) => p.agent),
    "a",
  );
  const moduleIds = idsOf(
    agents.flatMap((p) => p.modules),
    "m",
  );
  const plays = new Map<string, number[]>();
  for (const p of agents)
    for (const module of p.modules) {
      const key = `${agentIds.get(p.agent) as string} --> ${moduleIds.get(module) as string}`;
      plays.set(key, [...(plays.get(key) ?? []), p.pr]);
    }
  const byNumber = new Map(open.map((p) => [p.pr, p] as const));
  const clashes: string[] = [];
  const seen = new Set<string>();
  for (const p of agents)
    for (const n of contentionOf(p, open)) {
      const key = [p.pr, n].sort((a, b) => a - b).join("-");
      if (seen.has(key)) continue;
      seen.add(key);
      const other = byNumber.get(n) as PodiumPull;
      const to = other.human ? "h" : (agentIds.get(other.agent) as string);
      clashes.push(`  ${agentIds.get(p.agent) as string} ---|"${mermaidText(`#${p.pr} and #${n}`)}"| ${to}`);
    }
  const humans = clashes.some((line) => line.endsWith(" h")) ? ['  h(["human PRs"])'] : [];
  const edges = [...plays].map(([key, prs]) => {
    const [from, to] = key.split(" --> ");
    return `  ${from} -->|"${mermaidText(prs.map((n) => `#${n}`).join(", "))}"| ${to}`;
  });
  const red = clashes.map((_, i) => edges.length + i).join(",");
  return [
    "```mermaid",
    "graph LR",
    ...[...agentIds].map(([name, id]) => `  ${id}["${mermaidText(name)}"]`),
    ...[...moduleIds].map(([name, id]) => `  ${id}[("${mermaidText(name)}")]`),
    ...humans,
    ...edges,
    ...clashes,
    ...(clashes.length ? [`  linkStyle ${red} ${RED}`] : []),
    "```",
  ];
}

function idsOf(names: readonly string[], prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const name of names) if (!ids.has(name)) ids.set(name, `${prefix}${ids.size}`);
  return ids;
}
