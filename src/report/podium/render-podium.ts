import { agentRecords } from "../../decide/agent-record.js";
import type { PodiumPull, PodiumState } from "./podium-state-schema.js";
import { htmlSafeJson } from "../../shared/html-safe-json.js";
import { contentionOf } from "./contention-of.js";
import { podiumGraph } from "./podium-graph.js";
import { ago, nameText, utcMinute } from "./podium-text.js";

/** The podium issue's first line: Maestro finds its issue by it (and by its own bot as the author). */
export const PODIUM_MARKER = "<!-- maestro:podium -->";
export const PODIUM_TITLE = "Maestro podium";
/** GitHub refuses an issue body past 65,536 characters; counted here in UTF-8 bytes, which is never fewer. */
export const PODIUM_BODY_LIMIT = 65_536;
/** Room kept below the limit for the app's seal line, written after the state. */
export const PODIUM_SEAL_ROOM = 128;
/** The hidden line that holds the state, last in the body. */
export const PODIUM_STATE_PREFIX = "<!-- maestro:podium-state ";

/**
 * The whole issue body: the marker, every open agent PR, a Mermaid graph of agents → the modules they play now with
 * contention in red, each agent's 30-day record, then the state as a hidden comment. Humans' PRs appear only as the
 * other side of a contention pair. Names from PRs are code or Mermaid entities, and the state's JSON has no `<` or
 * `>`, so nothing from a PR can close the hidden comment, the graph or a table cell.
 */
export function renderPodium(state: PodiumState, now: Date): string {
  const open = state.pulls.filter((p) => p.closedAt === undefined);
  const agents = open.filter((p) => !p.human);
  const lines = [
    PODIUM_MARKER,
    "What each agent is playing now, and how it has played over the last 30 days. Maestro keeps this issue up to date and overwrites edits to it; close it and set `podium: false` in `.github/maestro.yml` to stop.",
    "",
    `## Open agent PRs (${agents.length})`,
    "",
    ...pullTable(agents, open, now),
    "",
    "## What each agent is playing",
    "",
    ...podiumGraph(agents, open),
    "",
    "## Records (last 30 days)",
    "",
    ...recordTable(state, now),
    ...(state.dropped.pulls > 0
      ? [
          "",
          `_${state.dropped.pulls} older PR${state.dropped.pulls === 1 ? " was" : "s were"} left out to keep this issue within GitHub's size limit (last on ${utcMinute(state.dropped.at ?? state.updatedAt)}): the records may count fewer PRs._`,
        ]
      : []),
    "",
    `_Updated ${utcMinute(state.updatedAt)}._`,
    "",
    `${PODIUM_STATE_PREFIX}${htmlSafeJson(state)} -->`,
  ];
  return lines.join("\n");
}

function pullTable(agents: readonly PodiumPull[], open: readonly PodiumPull[], now: Date): string[] {
  if (agents.length === 0) return ["_No open agent PRs._"];
  const byNumber = new Map(open.map((p) => [p.pr, p] as const));
  return [
    "| PR | agent | verdict | risk | modules | waiting for sign-off since | contention |",
    "|---|---|---|---|---|---|---|",
    ...agents.map((p) => {
      const pairs = contentionOf(p, open)
        .map((n) => {
          const other = byNumber.get(n) as PodiumPull;
          return `#${n} (${other.human ? "human" : nameText(other.agent)})`;
        })
        .join(", ");
      const waiting = p.waitingSince
        ? `${utcMinute(p.waitingSince)} (${ago(p.waitingSince, now)})`
        : p.signedOffHead === p.head && p.verdict !== "pass"
          ? "signed off"
          : "—";
      const modules = p.modules.map(nameText).join(", ") || "—";
      return `| #${p.pr} | ${nameText(p.agent)} | ${p.verdict} | ${p.risk} | ${modules} | ${waiting} | ${pairs || "—"} |`;
    }),
  ];
}

function recordTable(state: PodiumState, now: Date): string[] {
  const records = agentRecords(state, now);
  if (records.length === 0) return ["_No agent PR judged in the last 30 days._"];
  return [
    "| agent | PRs judged | pass | conductor | block | blocked at least once | signed off | overridden | merged after an override |",
    "|---|---|---|---|---|---|---|---|---|",
    ...records.map(
      (r) =>
        `| ${nameText(r.agent)} | ${r.judged} | ${r.pass} | ${r.conductor} | ${r.block} | ${r.everBlocked} | ${r.signOffs} | ${r.overrides} | ${r.mergedAfterOverride} |`,
    ),
  ];
}
