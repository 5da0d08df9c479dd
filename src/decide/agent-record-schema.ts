import { z } from "zod";

/**
 * One agent's record over the podium's window (30 days): what Maestro said of its PRs and what
 * conductors did about it. It lives in the podium issue; `/maestro explain <agent>` shows it, and
 * `agents.parts[].trust` may lower the agent's `review_at` from it.
 */
export const agentRecordSchema = z.object({
  agent: z.string(),
  /** The window, in days, ending now. */
  days: z.number().int(),
  /** PRs judged in the window, counted once each, by their latest verdict. */
  judged: z.number().int(),
  pass: z.number().int(),
  conductor: z.number().int(),
  block: z.number().int(),
  /** PRs blocked at least once in the window, whatever their latest verdict. */
  everBlocked: z.number().int(),
  /** Conductors' `/maestro approve` sign-offs, and `/maestro override`s of a block. */
  signOffs: z.number().int(),
  overrides: z.number().int(),
  /** PRs merged after a block on them was overridden. */
  mergedAfterOverride: z.number().int(),
});
export type AgentRecord = z.infer<typeof agentRecordSchema>;
