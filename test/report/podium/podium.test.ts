import { applyPodiumEvents } from "../../../src/report/podium/apply-podium-events.js";
import { parsePodium } from "../../../src/report/podium/parse-podium.js";
import type { PodiumEvent } from "../../../src/report/podium/podium-event-schema.js";
import { PODIUM_BODY_LIMIT, PODIUM_MARKER, renderPodium } from "../../../src/report/podium/render-podium.js";

/** The podium issue as a conductor reads it, from the events the app feeds it. */
const NOW = new Date("2026-11-22T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

type Reviewed = Extract<PodiumEvent, { kind: "reviewed" }>;
const reviewed = (pr: number, fields: Partial<Reviewed>): Reviewed => ({
  kind: "reviewed",
  pr,
  head: `head${pr}`,
  agent: "codex",
  author: "codex[bot]",
  human: false,
  verdict: "pass",
  risk: 10,
  modules: ["app"],
  contention: [],
  at: daysAgo(1),
  ...fields,
});

const EVENTS: PodiumEvent[] = [
  reviewed(8, { at: daysAgo(40) }),
  { kind: "closed", pr: 8, merged: true, at: daysAgo(39) },
  reviewed(7, { at: daysAgo(20) }),
  { kind: "closed", pr: 7, merged: true, at: daysAgo(19) },
  reviewed(9, { verdict: "block", risk: 85, at: daysAgo(10) }),
  { kind: "signed-off", pr: 9, by: "lead", override: true, at: daysAgo(9) },
  { kind: "closed", pr: 9, merged: true, at: daysAgo(8) },
  reviewed(11, { verdict: "conductor", risk: 45, contention: [12], at: daysAgo(2) }),
  reviewed(12, {
    agent: "copilot",
    author: "Copilot",
    verdict: "block",
    risk: 85,
    modules: ["app", "ui"],
    contention: [11, 15],
    at: daysAgo(1),
  }),
  reviewed(15, { agent: "alice", author: "alice", human: true, modules: ["ui"], contention: [12], at: daysAgo(1) }),
];

describe("the podium issue", () => {
  const state = applyPodiumEvents(undefined, EVENTS, NOW);
  const body = renderPodium(state, NOW);

  it("starts with the hidden marker and lists every open agent PR, never a human's", () => {
    expect(body.split("\n")[0]).toBe(PODIUM_MARKER);
    expect(body).toContain(
      [
        "## Open agent PRs (2)",
        "",
        "| PR | agent | verdict | risk | modules | waiting for sign-off since | contention |",
        "|---|---|---|---|---|---|---|",
        "| #11 | `codex` | conductor | 45 | `app` | 2026-11-20 12:00 UTC (2 d) | #12 (`copilot`) |",
        "| #12 | `copilot` | block | 85 | `app`, `ui` | 2026-11-21 12:00 UTC (1 d) | #11 (`codex`), #15 (human) |",
      ].join("\n"),
    );
    expect(body).not.toMatch(/^\| #15 /m);
    expect(body).not.toContain("`alice`");
  });

  it("draws agents → the modules they play now, with each contention pair as a red edge", () => {
    const graph = /```mermaid\n([\s\S]*?)```/.exec(body)?.[1];
    expect(graph).toBe(
      [
        "graph LR",
        '  a0["codex"]',
        '  a1["copilot"]',
        '  m0[("app")]',
        '  m1[("ui")]',
        '  h(["human PRs"])',
        '  a0 -->|"#35;11"| m0',
        '  a1 -->|"#35;12"| m0',
        '  a1 -->|"#35;12"| m1',
        '  a0 ---|"#35;11 and #35;12"| a1',
        '  a1 ---|"#35;12 and #35;15"| h',
        "  linkStyle 3,4 stroke:#d73a49,stroke-width:3px",
        "",
      ].join("\n"),
    );
  });

  it("gives each agent's record over 30 days: a PR closed 39 days ago is gone, an override then merge is counted", () => {
    expect(body).toContain(
      [
        "| agent | PRs judged | pass | conductor | block | blocked at least once | signed off | overridden | merged after an override |",
        "|---|---|---|---|---|---|---|---|---|",
        "| `codex` | 3 | 1 | 1 | 1 | 1 | 0 | 1 | 1 |",
        "| `copilot` | 1 | 0 | 0 | 1 | 1 | 0 | 0 | 0 |",
      ].join("\n"),
    );
    expect(state.pulls.map((p) => p.pr)).toEqual([7, 9, 11, 12, 15]);
  });

  it("reads back the state it wrote, and a body with no state or a broken one is nothing", () => {
    expect(parsePodium(body)).toEqual(state);
    expect(parsePodium(body.replace(/"version":1/, '"version":2'))).toBeUndefined();
    expect(parsePodium(body.slice(0, -10))).toBeUndefined();
    expect(parsePodium(`someone pasted\n${body}`)).toBeUndefined();
    expect(parsePodium("")).toBeUndefined();
  });

  it("is the same whatever order the events arrive in, and a redelivered event counts once", () => {
    const shuffled = [...EVENTS].reverse();
    const once = applyPodiumEvents(undefined, shuffled, NOW);
    expect(once.pulls).toEqual(state.pulls);
    const split = applyPodiumEvents(applyPodiumEvents(undefined, EVENTS.slice(4), NOW), EVENTS, NOW);
    expect(split.pulls).toEqual(state.pulls);
  });

  it("a late review of an older head neither replaces the newer verdict nor restarts the wait", () => {
    const later = applyPodiumEvents(state, [reviewed(11, { head: "old", verdict: "block", at: daysAgo(3) })], NOW);
    const pull = later.pulls.find((p) => p.pr === 11);
    expect(pull).toMatchObject({ head: "head11", verdict: "conductor", waitingSince: daysAgo(2), everBlocked: true });
  });

  it("a sign-off ends the wait for that head, and a new head needing a conductor starts a new one", () => {
    const signed = applyPodiumEvents(
      state,
      [
        { kind: "signed-off", pr: 11, by: "lead", override: false, at: daysAgo(0.5) },
        reviewed(11, { verdict: "conductor", risk: 45, contention: [12], at: daysAgo(0.4) }),
      ],
      NOW,
    );
    expect(renderPodium(signed, NOW)).toMatch(/^\| #11 \| `codex` \| conductor \| 45 \| `app` \| signed off \|/m);
    const pushed = applyPodiumEvents(
      signed,
      [reviewed(11, { head: "new", verdict: "conductor", at: daysAgo(0.25) })],
      NOW,
    );
    expect(renderPodium(pushed, NOW)).toContain(
      "| #11 | `codex` | conductor | 10 | `app` | 2026-11-22 06:00 UTC (6 h) |",
    );
  });
});

describe("text from PRs on the podium", () => {
  const hostile = 'evil"] --> x\n```\n@octocat <!-- --> `x` -->';
  const state = applyPodiumEvents(
    undefined,
    [
      reviewed(1, { agent: hostile, author: hostile, modules: [hostile, "ui"], contention: [2] }),
      reviewed(2, { agent: "copilot", modules: ["ui"] }),
    ],
    NOW,
  );
  const body = renderPodium(state, NOW);

  it("cannot close the hidden state, open another, or reach past it: the state reads back whole", () => {
    const lines = body.split("\n");
    const last = lines.at(-1) ?? "";
    expect(last.startsWith("<!-- maestro:podium-state {")).toBe(true);
    expect(last.match(/-->/g)).toEqual(["-->"]);
    expect(last.endsWith("} -->")).toBe(true);
    expect(last.match(/<!--/g)).toEqual(["<!--"]);
    // Elsewhere the hostile text is only ever inside a code span of a table row, where it is shown, not read as HTML.
    expect(lines.slice(1, -1).filter((line) => line.includes("<!--") && !line.startsWith("| "))).toEqual([]);
    expect(parsePodium(body)?.pulls[0]?.agent).toBe(hostile);
  });

  it("cannot end the Mermaid block, a label, or mention anyone in it", () => {
    const graph = /```mermaid\n([\s\S]*?)```/.exec(body)?.[1] ?? "";
    expect(graph.split("\n").filter((line) => line.startsWith("  a0"))[0]).toBe(
      '  a0["evil#34;#93; --#62; x #96;#96;#96; #64;octocat #60;#33;-- --#62; #96;x#96; --#62;"]',
    );
    expect(graph).not.toContain("@");
    expect(body.match(/^```/gm)).toHaveLength(2);
  });

  it("is code in the tables: no mention, no HTML, no way out of its cell", () => {
    const row = body.split("\n").find((line) => line.startsWith("| #1 |")) ?? "";
    expect(row.split(/(?<!\\)\|/)).toHaveLength(9);
    const hostileCode = '````evil"] --> x ``` @octocat <!-- --> `x` -->````';
    expect(row).toBe(`| #1 | ${hostileCode} | pass | 10 | ${hostileCode}, \`ui\` | — | #2 (\`copilot\`) |`);
  });
});

describe("the podium's size", () => {
  it("stays within GitHub's issue body limit by dropping the PRs closed longest ago, and says so", () => {
    const long = (i: number, j: number) => `module-${i}-${j}-${"x".repeat(15)}`;
    const events: PodiumEvent[] = Array.from({ length: 110 }, (_, i) => [
      reviewed(i + 1, {
        agent: `agent-${i % 7}`,
        modules: Array.from({ length: 30 }, (_, j) => long(i, j)),
        at: daysAgo(20 - i / 10),
      }),
      ...(i < 100 ? [{ kind: "closed" as const, pr: i + 1, merged: true, at: daysAgo(19 - i / 10) }] : []),
    ]).flat();
    const state = applyPodiumEvents(undefined, events, NOW);
    const body = renderPodium(state, NOW);
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(PODIUM_BODY_LIMIT);
    expect(state.dropped.pulls).toBeGreaterThan(0);
    expect(state.pulls.filter((p) => p.closedAt === undefined)).toHaveLength(10);
    expect(state.pulls[0]?.pr).toBe(state.dropped.pulls + 1);
    expect(body).toContain(
      `_${state.dropped.pulls} older PRs were left out to keep this issue within GitHub's size limit (last on 2026-11-22 12:00 UTC): the records may count fewer PRs._`,
    );
    expect(parsePodium(body)).toEqual(state);
  });
});

describe("a review that finishes after its PR closed", () => {
  it("regression: a PR read while open and merged meanwhile stays merged: the late review never reopens it", () => {
    const merged = applyPodiumEvents(
      undefined,
      [
        reviewed(9, { at: "2026-11-22T10:00:00Z" }),
        { kind: "closed", pr: 9, merged: true, at: "2026-11-22T10:01:00Z" },
        // Read at 10:00:30, before the merge, finished after it.
        reviewed(9, { at: "2026-11-22T10:00:30Z", verdict: "block" }),
      ],
      NOW,
    );
    expect(merged.pulls.find((p) => p.pr === 9)).toMatchObject({ closedAt: "2026-11-22T10:01:00Z", merged: true });
  });

  it("regression: a re-review of a closed PR (read as closed) does not bring it back as open", () => {
    const state = applyPodiumEvents(
      undefined,
      [
        reviewed(9, { at: "2026-11-22T10:00:00Z" }),
        { kind: "closed", pr: 9, merged: true, at: "2026-11-22T10:01:00Z" },
        reviewed(9, { at: "2026-11-22T10:05:00Z", open: false }),
      ],
      NOW,
    );
    expect(state.pulls.find((p) => p.pr === 9)?.closedAt).toBe("2026-11-22T10:01:00Z");
    expect(renderPodium(state, NOW)).not.toContain("| #9 |");
  });

  it("a PR reopened and reviewed after its close is open again", () => {
    const state = applyPodiumEvents(
      undefined,
      [
        reviewed(9, { at: "2026-11-22T10:00:00Z" }),
        { kind: "closed", pr: 9, merged: false, at: "2026-11-22T10:01:00Z" },
        reviewed(9, { at: "2026-11-22T10:05:00Z", open: true }),
      ],
      NOW,
    );
    expect(state.pulls.find((p) => p.pr === 9)?.closedAt).toBeUndefined();
  });
});
