import type { AgentRecord } from "./agent-record-schema.js";
import type { VerdictKind } from "./verdict.js";

/** The record's window: an agent earns or loses trust over the last 30 days. */
export const RECORD_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the record reads of one PR the podium keeps (its state's shape, named here so decide needs no report). */
export interface RecordedPull {
  readonly agent: string;
  readonly human: boolean;
  readonly verdict: VerdictKind;
  readonly firstJudgedAt: string;
  readonly everBlocked: boolean;
  readonly signOffs: readonly { readonly override: boolean; readonly at: string }[];
  readonly closedAt?: string;
  readonly merged?: boolean;
}

/**
 * Each agent's record, by name: the agents' PRs first judged in the last 30 days, each counted once by its latest
 * verdict; sign-offs and overrides count the PRs that had one (so a rate is a share of PRs, at most 1), and a PR
 * merged after an override counts in `mergedAfterOverride`. Humans' PRs have no record.
 */
export function agentRecords(state: { readonly pulls: readonly RecordedPull[] }, now: Date): AgentRecord[] {
  const from = now.getTime() - RECORD_DAYS * DAY_MS;
  const records = new Map<string, AgentRecord>();
  for (const pull of state.pulls) {
    if (pull.human || Date.parse(pull.firstJudgedAt) < from) continue;
    const record = records.get(pull.agent) ?? emptyRecord(pull.agent);
    const overrides = pull.signOffs.filter((s) => s.override).map((s) => Date.parse(s.at));
    records.set(pull.agent, {
      ...record,
      judged: record.judged + 1,
      [pull.verdict]: record[pull.verdict] + 1,
      everBlocked: record.everBlocked + (pull.everBlocked ? 1 : 0),
      signOffs: record.signOffs + (pull.signOffs.some((s) => !s.override) ? 1 : 0),
      overrides: record.overrides + (overrides.length > 0 ? 1 : 0),
      mergedAfterOverride:
        record.mergedAfterOverride +
        (pull.merged && pull.closedAt && overrides.some((t) => t <= Date.parse(pull.closedAt as string)) ? 1 : 0),
    });
  }
  return [...records.values()].sort((a, b) => a.agent.localeCompare(b.agent));
}

/** One agent's record, its name matched without regard to case; undefined when it has no PR in the window. */
export function recordOf(
  state: { readonly pulls: readonly RecordedPull[] },
  agent: string,
  now: Date,
): AgentRecord | undefined {
  return agentRecords(state, now).find((r) => r.agent.toLowerCase() === agent.toLowerCase());
}

function emptyRecord(agent: string): AgentRecord {
  return {
    agent,
    days: RECORD_DAYS,
    judged: 0,
    pass: 0,
    conductor: 0,
    block: 0,
    everBlocked: 0,
    signOffs: 0,
    overrides: 0,
    mergedAfterOverride: 0,
  };
}
