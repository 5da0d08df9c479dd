import { conclusionOf, signOutcome, type CheckConclusion, type Outcome } from "../../src/decide/check-outcome.js";
import type { SignOff } from "../../src/decide/sign-off.js";
import type { Verdict, VerdictKind } from "../../src/decide/verdict.js";

/**
 * docs/verdict.md's conclusions table, every combination: outcome kind × `agents.human_prs` policy ×
 * verdict × the sign-off given on the commit, as the check run shows it (sign-offs applied the way a
 * review applies them, then the conclusion and title).
 */
const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLDER = "f".repeat(40);
const PASS = "no blocking violation, risk 5 < review_at 40";
const CONDUCTOR = "touches protected path migrations/001.sql: schema changes need a human";
const BLOCK = "1 new boundary violation";
const FIRST: Record<VerdictKind, string> = { pass: PASS, conductor: CONDUCTOR, block: BLOCK };

type Policy = Verdict["subject"]["policy"];
type Given = "none" | "approve" | "override" | "approve of an older commit" | "override of an older commit";

function verdict(kind: VerdictKind, policy: Policy, first = FIRST[kind]): Verdict {
  const human = policy !== "enforce";
  return {
    verdict: kind,
    violations: [],
    risk: { score: 5, level: "low", signals: [] },
    reasons: human
      ? [first, `advisory only: human PR (ada matches no agents: entry; agents.human_prs: ${policy})`]
      : [first],
    notes: [],
    subject: human
      ? { agent: false, reason: "ada matches no agents: entry", policy }
      : { agent: true, reason: "author copilot-swe-agent[bot] matches agents.logins", policy },
    fixed: { count: 0, rules: [] },
  };
}

function signOff(given: Given): SignOff | undefined {
  if (given === "none") return undefined;
  const [kind, older] = given.split(" of ") as [SignOff["kind"], string | undefined];
  return { by: "lead", at: "2026-11-22T10:00:00.000Z", sha: older ? OLDER : SHA, kind, reason: "looked at it" };
}

/** What the check run shows for this outcome once the sign-off given on the commit is applied. */
function shown(outcome: Outcome, given: Given) {
  return conclusionOf(signOutcome(outcome, [], signOff(given), SHA).outcome);
}

/** Whether the sign-off given counts: the sticky comment then keeps it, and the command's reply says so. */
function applied(outcome: Outcome, given: Given): boolean {
  return signOutcome(outcome, [], signOff(given), SHA).requestedApplied;
}

const SKIPPED = "Skipped: a human's PR (agents.human_prs: skip)";

describe("the conclusions table: verdicts", () => {
  // policy, verdict, sign-off given, conclusion, title, whether the sign-off counts
  it.each<[Policy, VerdictKind, Given, CheckConclusion, string, boolean]>([
    ["enforce", "pass", "none", "success", "Pass — risk 5 (low)", false],
    ["enforce", "pass", "approve", "success", "Pass — risk 5 (low)", false],
    ["enforce", "pass", "override", "success", "Pass — risk 5 (low)", false],
    ["enforce", "conductor", "none", "action_required", `A conductor must sign off — ${CONDUCTOR}`, false],
    ["enforce", "conductor", "approve", "success", `Signed off by @lead: needed a conductor — ${CONDUCTOR}`, true],
    ["enforce", "conductor", "override", "success", `Overridden by @lead: needed a conductor — ${CONDUCTOR}`, true],
    [
      "enforce",
      "conductor",
      "approve of an older commit",
      "action_required",
      `A conductor must sign off — ${CONDUCTOR}`,
      false,
    ],
    ["enforce", "block", "none", "failure", `Blocked — ${BLOCK}`, false],
    ["enforce", "block", "approve", "failure", `Blocked — ${BLOCK}`, false],
    ["enforce", "block", "override", "success", `Overridden by @lead: blocked — ${BLOCK}`, true],
    ["enforce", "block", "override of an older commit", "failure", `Blocked — ${BLOCK}`, false],

    ["advise", "pass", "none", "success", "Pass — risk 5 (low)", false],
    ["advise", "pass", "approve", "success", "Pass — risk 5 (low)", false],
    ["advise", "pass", "override", "success", "Pass — risk 5 (low)", false],
    ["advise", "conductor", "none", "neutral", `Advice: A conductor must sign off — ${CONDUCTOR}`, false],
    ["advise", "conductor", "approve", "success", `Signed off by @lead: needed a conductor — ${CONDUCTOR}`, true],
    ["advise", "conductor", "override", "success", `Overridden by @lead: needed a conductor — ${CONDUCTOR}`, true],
    ["advise", "block", "none", "neutral", `Advice: Blocked — ${BLOCK}`, false],
    ["advise", "block", "approve", "neutral", `Advice: Blocked — ${BLOCK}`, false],
    ["advise", "block", "override", "success", `Overridden by @lead: blocked — ${BLOCK}`, true],

    ["skip", "pass", "none", "skipped", SKIPPED, false],
    ["skip", "pass", "approve", "skipped", SKIPPED, false],
    ["skip", "pass", "override", "skipped", SKIPPED, false],
    ["skip", "conductor", "none", "skipped", SKIPPED, false],
    ["skip", "conductor", "approve", "success", `Signed off by @lead: needed a conductor — ${CONDUCTOR}`, true],
    ["skip", "conductor", "override", "success", `Overridden by @lead: needed a conductor — ${CONDUCTOR}`, true],
    ["skip", "block", "none", "skipped", SKIPPED, false],
    ["skip", "block", "approve", "skipped", SKIPPED, false],
    ["skip", "block", "override", "success", `Overridden by @lead: blocked — ${BLOCK}`, true],
  ])("%s, %s, sign-off: %s → %s", (policy, kind, given, conclusion, title, counts) => {
    const outcome: Outcome = { kind: "verdict", verdict: verdict(kind, policy) };
    expect(shown(outcome, given)).toEqual({ conclusion, title });
    expect(applied(outcome, given)).toBe(counts);
  });

  it("a pass handed over with a sign-off on it is still a plain pass", () => {
    const outcome: Outcome = {
      kind: "verdict",
      verdict: verdict("pass", "enforce"),
      signOff: signOff("override") as SignOff,
    };
    expect(conclusionOf(outcome)).toEqual({ conclusion: "success", title: "Pass — risk 5 (low)" });
  });

  it("a clean-up's pass title leads with what it fixes, then the risk", () => {
    const outcome: Outcome = {
      kind: "verdict",
      verdict: {
        ...verdict("pass", "enforce"),
        fixed: {
          count: 19,
          rules: [
            { rule: "boundary", count: 12 },
            { rule: "cycle", count: 7 },
          ],
        },
      },
    };
    expect(conclusionOf(outcome)).toEqual({
      conclusion: "success",
      title: "Pass — fixes 19 existing violations (12 boundary, 7 cycle); risk 5 (low)",
    });
  });

  it.each<[VerdictKind, Given, string]>([
    ["block", "none", "Blocked — "],
    ["conductor", "approve", "Signed off by @lead: needed a conductor — "],
  ])("a %s title (sign-off: %s) is cut to 200 characters, ending in …", (kind, given, start) => {
    const { title } = shown({ kind: "verdict", verdict: verdict(kind, "enforce", `${"x".repeat(300)} end`) }, given);
    expect(title).toBe(`${start}${"x".repeat(199 - start.length)}…`);
    expect(title).toHaveLength(200);
  });
});

describe("the conclusions table: outcomes that are not verdicts, whatever sign-off is given", () => {
  it.each<[string, Outcome, CheckConclusion, string]>([
    ["invalid score", { kind: "invalid-score", problems: [] }, "failure", "Invalid score"],
    ["no score", { kind: "no-score" }, "neutral", "No score: add .github/maestro.yml to let Maestro judge"],
    [
      "could not review",
      { kind: "failed", reason: "GitHub kept failing (502: Bad Gateway)" },
      "failure",
      "Maestro could not review this PR",
    ],
    [
      "superseded",
      { kind: "superseded", newerSha: "89abcdef0123456789abcdef0123456789abcdef" },
      "cancelled",
      "Superseded by a newer push (89abcde): not reviewed",
    ],
  ])("%s", (_row, outcome, conclusion, title) => {
    for (const given of ["none", "approve", "override"] as const) {
      expect(shown(outcome, given)).toEqual({ conclusion, title });
      expect(applied(outcome, given)).toBe(false);
    }
  });
});
