import type { ScoreProblem } from "../score/score-problem.js";
import { repairReason } from "./repair-reason.js";
import { applicableSignOff, type SignOff } from "./sign-off.js";
import type { Verdict } from "./verdict.js";

export type CheckConclusion = "success" | "failure" | "neutral" | "action_required" | "skipped" | "cancelled";

/** Everything a review can end in: each maps to exactly one conclusion below. */
export type Outcome =
  | { readonly kind: "verdict"; readonly verdict: Verdict; readonly signOff?: SignOff }
  | { readonly kind: "invalid-score"; readonly problems: readonly ScoreProblem[] }
  | { readonly kind: "no-score" }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "superseded"; readonly newerSha: string };

/** What a review's sign-offs make of its outcome. */
export interface SignedOutcome {
  /** The outcome, carrying the sign-off that turns its verdict into success when one applies. */
  readonly outcome: Outcome;
  /** The sign-off given with this review covers its verdict: the sticky comment keeps it, and the command says so. */
  readonly requestedApplied: boolean;
}

/**
 * A verdict covered by a sign-off on this very commit (one kept from earlier, or the one given with
 * this review) carries it, the newest first; nothing else is touched.
 */
export function signOutcome(
  outcome: Outcome,
  kept: readonly SignOff[],
  requested: SignOff | undefined,
  sha: string,
): SignedOutcome {
  if (outcome.kind !== "verdict") return { outcome, requestedApplied: false };
  // The newest applicable sign-off wins, and the one given with this review is the newest of all.
  const signOff = applicableSignOff([...kept, ...(requested ? [requested] : [])], sha, outcome.verdict.verdict);
  if (!signOff) return { outcome, requestedApplied: false };
  return { outcome: { ...outcome, signOff }, requestedApplied: signOff === requested };
}

/**
 * SPEC §3 in one table. Never `success` for work not done; `neutral` (which passes a required
 * check) only where nothing is enforced: advice on a human PR, or a repository with no score.
 */
export function conclusionOf(outcome: Outcome): { conclusion: CheckConclusion; title: string } {
  switch (outcome.kind) {
    case "invalid-score":
      return { conclusion: "failure", title: "Invalid score" };
    case "no-score":
      return { conclusion: "neutral", title: "No score: add .github/maestro.yml to let Maestro judge" };
    case "failed":
      return { conclusion: "failure", title: "Maestro could not review this PR" };
    // `cancelled` does not pass a required check: an unjudged commit must not merge on its strength.
    case "superseded":
      return {
        conclusion: "cancelled",
        title: `Superseded by a newer push (${outcome.newerSha.slice(0, 7)}): not reviewed`,
      };
    case "verdict":
      return verdictConclusion(outcome.verdict, outcome.signOff);
  }
}

function verdictConclusion(
  verdict: Verdict,
  signOff: SignOff | undefined,
): { conclusion: CheckConclusion; title: string } {
  const first = verdict.reasons[0] ?? "";
  const risk = `risk ${verdict.risk.score} (${verdict.risk.level})`;
  if (signOff && verdict.verdict !== "pass") {
    const what = signOff.kind === "override" ? "Overridden" : "Signed off";
    return {
      conclusion: "success",
      title: truncate(
        `${what} by @${signOff.by}: ${verdict.verdict === "block" ? "blocked" : "needed a conductor"} — ${first}`,
      ),
    };
  }
  // `skipped` passes a required check, as a human PR under `skip` should: it is not Maestro's to judge.
  if (verdict.subject.policy === "skip")
    return { conclusion: "skipped", title: "Skipped: a human's PR (agents.human_prs: skip)" };
  const advisory = verdict.subject.policy !== "enforce";
  switch (verdict.verdict) {
    case "pass": {
      // A clean-up's title leads with what it repairs, not with the warnings its touched files still carry.
      const repair = repairReason(verdict.fixed);
      return { conclusion: "success", title: truncate(`Pass — ${repair ? `${repair}; ` : ""}${risk}`) };
    }
    case "conductor":
      return {
        conclusion: advisory ? "neutral" : "action_required",
        title: truncate(`${advisory ? "Advice: " : ""}A conductor must sign off — ${first}`),
      };
    case "block":
      return {
        conclusion: advisory ? "neutral" : "failure",
        title: truncate(`${advisory ? "Advice: " : ""}Blocked — ${first}`),
      };
  }
}

function truncate(title: string): string {
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}
