import { agentRecords, recordOf, type RecordedPull } from "../../src/decide/agent-record.js";

/** The record's arithmetic on in-memory PRs: what `/maestro explain <agent>`, the podium and `trust` read. */
const NOW = new Date("2026-11-22T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const pull = (fields: Partial<RecordedPull>): RecordedPull => ({
  agent: "codex",
  human: false,
  verdict: "pass",
  firstJudgedAt: daysAgo(1),
  everBlocked: false,
  signOffs: [],
  ...fields,
});

describe("an agent's 30-day record", () => {
  const pulls: RecordedPull[] = [
    pull({ verdict: "pass", everBlocked: true }),
    pull({
      verdict: "conductor",
      signOffs: [
        { override: false, at: daysAgo(0.5) },
        { override: false, at: daysAgo(0.4) },
      ],
    }),
    pull({
      verdict: "block",
      everBlocked: true,
      signOffs: [{ override: true, at: daysAgo(3) }],
      closedAt: daysAgo(2),
      merged: true,
    }),
    // Overridden, but closed without a merge: not "merged after an override".
    pull({
      verdict: "block",
      everBlocked: true,
      signOffs: [{ override: true, at: daysAgo(3) }],
      closedAt: daysAgo(2),
      merged: false,
    }),
    // First judged 31 days ago: out of the window, even if still open.
    pull({ verdict: "block", everBlocked: true, firstJudgedAt: daysAgo(31) }),
    pull({ agent: "alice", human: true, verdict: "block", everBlocked: true }),
    pull({ agent: "Copilot", verdict: "conductor" }),
  ];

  it("counts each PR once by its latest verdict, the PRs ever blocked, signed off, overridden and merged after it", () => {
    expect(agentRecords({ pulls }, NOW)).toEqual([
      {
        agent: "codex",
        days: 30,
        judged: 4,
        pass: 1,
        conductor: 1,
        block: 2,
        everBlocked: 3,
        signOffs: 1,
        overrides: 2,
        mergedAfterOverride: 1,
      },
      {
        agent: "Copilot",
        days: 30,
        judged: 1,
        pass: 0,
        conductor: 1,
        block: 0,
        everBlocked: 0,
        signOffs: 0,
        overrides: 0,
        mergedAfterOverride: 0,
      },
    ]);
  });

  it("finds one agent without regard to case, and none for a human or an agent with nothing in the window", () => {
    expect(recordOf({ pulls }, "copilot", NOW)?.agent).toBe("Copilot");
    expect(recordOf({ pulls }, "alice", NOW)).toBeUndefined();
    expect(recordOf({ pulls: [pull({ agent: "old", firstJudgedAt: daysAgo(30.01) })] }, "old", NOW)).toBeUndefined();
  });

  it("a PR merged before its override is not merged after one", () => {
    const early = pull({ signOffs: [{ override: true, at: daysAgo(1) }], closedAt: daysAgo(2), merged: true });
    expect(recordOf({ pulls: [early] }, "codex", NOW)).toMatchObject({ overrides: 1, mergedAfterOverride: 0 });
  });
});
