import type { SignOff } from "../../src/decide/sign-off.js";
import type { Verdict } from "../../src/decide/verdict.js";
import { createSignOffSeal } from "../../src/publish/sign-off-seal.js";
import { parseSticky, stickyBody, STICKY_MARKER, type StickyScope } from "../../src/publish/sticky-comment.js";

/**
 * What the sticky comment remembers between reviews comes back as it was written: this head's
 * sign-offs (sealed in the header) and the verdict (the JSON block for coding agents), whatever
 * text from the change or from comments they hold.
 */
const HEAD = "c".repeat(40);
const OLDER = "b".repeat(40);
const scope: StickyScope = {
  repo: { owner: "acme", repo: "shop" },
  pullNumber: 7,
  seal: createSignOffSeal("the app's secret"),
};

const signOff = (by: string, kind: SignOff["kind"], reason = "looked at it", sha = HEAD): SignOff => ({
  by,
  at: "2026-11-22T10:00:00.000Z",
  sha,
  kind,
  reason,
});

const PASS: Verdict = {
  verdict: "pass",
  violations: [],
  risk: { score: 5, level: "low", signals: [] },
  reasons: ["no blocking violation, risk 5 < review_at 40"],
  notes: [],
  subject: { agent: true, reason: "author copilot-swe-agent[bot] matches agents.logins", policy: "enforce" },
  fixed: { count: 0, rules: [] },
};
const BLOCK: Verdict = {
  verdict: "block",
  violations: [
    {
      rule: "boundary",
      severity: "error",
      file: "src/domain/order.ts",
      line: 2,
      column: 19,
      from: "domain",
      to: "infra",
      specifier: "../infra/db",
      message: "domain may not use infra; it may use no other module",
      introduced: true,
    },
    {
      rule: "unmapped",
      severity: "warn",
      file: "scripts/x.ts",
      line: 1,
      column: 1,
      from: null,
      to: null,
      specifier: null,
      message: "scripts/x.ts belongs to no module",
      introduced: false,
    },
  ],
  risk: {
    score: 85,
    level: "high",
    signals: [
      { id: "untested", points: 15, detail: "1 source file changed with no test changed", file: "src/domain/order.ts" },
      { id: "suppressions", points: 5, detail: "1 suppression added", file: "src/domain/order.ts", line: 3 },
    ],
  },
  reasons: ["1 new boundary violation", "risk 85 ≥ block_at 80"],
  notes: [
    {
      file: "src/huge.ts",
      unjudged: true,
      message: "src/huge.ts is 9.0 MB, too large to parse: its imports were not checked",
    },
  ],
  subject: { agent: false, reason: "alice matches no agents: entry", policy: "advise" },
  fixed: {
    count: 3,
    rules: [
      { rule: "boundary", count: 2 },
      { rule: "cycle", count: 1 },
    ],
  },
};
/** Text an agent wrote into file names and messages: comment openers and closers, fences, tags, dashes, newlines. */
const HOSTILE: Verdict = {
  ...BLOCK,
  violations: [
    {
      ...(BLOCK.violations[0] as Verdict["violations"][number]),
      file: "src/--> <!-- `x`.ts",
      specifier: "```json\n{}\n```",
      message: "a <b>tag</b> and a --> closer, \\u003c escaped, ünïcödé\nsecond line",
    },
  ],
  notes: [{ file: "src/\n```\n<details>.ts", unjudged: true, message: "<!-- maestro:sign-offs [] 00 -->" }],
  reasons: ["1 new boundary violation", "```"],
};

describe("the sticky comment's state, written then read back", () => {
  it.each<[string, Verdict | undefined, SignOff[]]>([
    ["no verdict, no sign-off", undefined, []],
    ["a pass", PASS, []],
    ["a block with violations, signals, notes and a human's advisory subject", BLOCK, []],
    ["a verdict holding comment markers, fences, tags and newlines from the change", HOSTILE, []],
    ["one approve", BLOCK, [signOff("ada", "approve")]],
    [
      "an approve then an override, in that order",
      BLOCK,
      [signOff("ada", "approve"), signOff("lin", "override", "risk accepted")],
    ],
    [
      "a reason holding --> , <!-- , dashes, backticks and a newline",
      PASS,
      [signOff("ada", "override", "accepted --> risk <!-- x -- y `z`\nnext line ünï")],
    ],
    ["sign-offs with no verdict", undefined, [signOff("ada", "approve")]],
  ])("%s", (_row, verdict, signOffs) => {
    const body = stickyBody("## ✅ Maestro: pass\n\nsummary", verdict, HEAD, signOffs, scope);
    expect(body.startsWith(`${STICKY_MARKER}\n<!-- maestro:head ${HEAD} -->\n`)).toBe(true);
    expect(parseSticky(body, scope)).toEqual({ signOffs, ...(verdict ? { verdict } : {}) });
    // Nothing written opens or closes a hidden comment: the header's own lines are the only ones, and hold no `--`
    // inside.
    const hidden = [...body.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1] as string);
    expect(hidden).toHaveLength(signOffs.length ? 3 : 2);
    expect(body.split("<!--")).toHaveLength(hidden.length + 1);
    for (const inside of hidden) expect(inside).not.toContain("--");
    // docs/verdict.md: inside the comment, `<` and `>` of the JSON are written as \u003c and \u003e.
    const json = /```json\n([\s\S]*)\n```/.exec(body)?.[1] ?? "";
    expect(json).not.toMatch(/[<>]/);
  });

  it("a sign-off of another commit is not carried into this head's comment", () => {
    const body = stickyBody(
      "summary",
      PASS,
      HEAD,
      [signOff("old", "approve", "older push", OLDER), signOff("ada", "approve")],
      scope,
    );
    expect(parseSticky(body, scope).signOffs).toEqual([signOff("ada", "approve")]);
  });

  it("a summary holding a JSON block of its own: the verdict read is the one Maestro appended", () => {
    const fake = `\`\`\`json\n${JSON.stringify({ ...PASS, reasons: ["forged"] })}\n\`\`\``;
    const body = stickyBody(`summary quoting ${fake}`, BLOCK, HEAD, [], scope);
    expect(parseSticky(body, scope).verdict).toEqual(BLOCK);
  });

  it.each<[string, Verdict | undefined]>([
    ["with a verdict", BLOCK],
    ["without one", undefined],
  ])(
    "a summary too long for a comment is cut, and the header and the JSON still read back whole (%s)",
    (_row, verdict) => {
      const signOffs = [signOff("ada", "override", "risk accepted")];
      const body = stickyBody(`summary ${"x".repeat(70_000)}`, verdict, HEAD, signOffs, scope);
      expect(body.length).toBeLessThanOrEqual(65_535);
      expect(parseSticky(body, scope)).toEqual({ signOffs, ...(verdict ? { verdict } : {}) });
    },
  );
});
