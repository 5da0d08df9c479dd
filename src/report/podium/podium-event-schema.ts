import { z } from "zod";

const pr = z.number().int().positive().describe("The pull request's number.");
const at = z.iso.datetime({ offset: true }).describe("When it happened, as GitHub or the review says (ISO 8601).");

/**
 * What the app tells the podium, one event per thing that happened to a PR. The podium applies them in order of
 * `at`, whatever order they arrive in, so a redelivered or late event never rewinds it.
 */
export const podiumEventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("reviewed"),
    pr,
    /** The head commit judged: a new head restarts the wait for a sign-off. */
    head: z.string(),
    /** The part's name when a part matched, else the author's login: whose record this PR counts in. */
    agent: z.string(),
    author: z.string(),
    /** A human's PR: kept only for the contention pairs of agents' PRs, never shown as an instrument. */
    human: z.boolean(),
    verdict: z.enum(["pass", "conductor", "block"]),
    risk: z.number().int().min(0).max(100),
    /** The modules the PR changes. */
    modules: z.array(z.string()),
    /** The other open PRs it overlaps. */
    contention: z.array(pr),
    /** Whether the PR was open when judged: a review of a closed PR (a late one, a re-review) never reopens it. */
    open: z.boolean().optional(),
    at,
  }),
  z.object({
    kind: z.literal("signed-off"),
    pr,
    by: z.string(),
    /** `/maestro override` of a block, rather than `/maestro approve`. */
    override: z.boolean(),
    at,
  }),
  z.object({ kind: z.literal("closed"), pr, merged: z.boolean(), at }),
]);
export type PodiumEvent = z.infer<typeof podiumEventSchema>;
