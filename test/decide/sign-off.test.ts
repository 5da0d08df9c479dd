import { conclusionOf, signOutcome, type Outcome } from "../../src/decide/check-outcome.js";
import type { SignOff } from "../../src/decide/sign-off.js";
import type { Verdict, VerdictKind } from "../../src/decide/verdict.js";

const SHA = "a".repeat(40);
const OLD = "0".repeat(40);

const verdict = (kind: VerdictKind): Outcome => ({
  kind: "verdict",
  verdict: {
    verdict: kind,
    violations: [],
    risk: { score: 55, level: "medium", signals: [] },
    reasons: ["risk 55 (medium) is at or above review_at 40"],
    notes: [],
    subject: { agent: true, reason: "author copilot-swe-agent[bot]", policy: "enforce" },
    fixed: { count: 0, rules: [] },
  } satisfies Verdict,
});
const signOff = (by: string, kind: SignOff["kind"], sha = SHA): SignOff => ({
  by,
  at: "2026-11-22T10:00:00Z",
  sha,
  kind,
  reason: "looked at it",
});

// What the check run ends as, after the sign-offs kept in the comment and the one given with this review.
describe.each([
  // verdict, kept, requested, conclusion, title starts, requested applied
  ["conductor", [], signOff("lead", "approve"), "success", "Signed off by @lead", true],
  ["conductor", [], signOff("lead", "override"), "success", "Overridden by @lead", true],
  ["block", [], signOff("lead", "approve"), "failure", "Blocked", false],
  ["block", [], signOff("lead", "override"), "success", "Overridden by @lead", true],
  ["pass", [], signOff("lead", "override"), "success", "Pass", false],
  ["conductor", [], signOff("lead", "approve", OLD), "action_required", "A conductor must sign off", false],
  ["conductor", [signOff("kept", "approve")], undefined, "success", "Signed off by @kept", false],
  ["conductor", [signOff("kept", "approve", OLD)], undefined, "action_required", "A conductor must sign off", false],
  ["block", [signOff("kept", "override")], signOff("lead", "approve"), "success", "Overridden by @kept", false],
  ["conductor", [signOff("kept", "approve")], signOff("lead", "approve"), "success", "Signed off by @lead", true],
] as const)("a %s verdict, kept %j, given %j", (kind, kept, requested, conclusion, title, applied) => {
  it(`concludes ${conclusion} (${title}…)`, () => {
    const signed = signOutcome(verdict(kind), kept, requested, SHA);
    const shown = conclusionOf(signed.outcome);
    expect(shown.conclusion).toBe(conclusion);
    expect(shown.title.startsWith(title)).toBe(true);
    expect(signed.requestedApplied).toBe(applied);
  });
});

test("a sign-off never touches an outcome that is not a verdict", () => {
  const failed: Outcome = { kind: "failed", reason: "GitHub kept failing (502)" };
  expect(signOutcome(failed, [signOff("kept", "override")], signOff("lead", "override"), SHA)).toEqual({
    outcome: failed,
    requestedApplied: false,
  });
});
