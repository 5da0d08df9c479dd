import { z } from "zod";
import { noteSchema } from "../analyse/note.js";
import { violationSchema } from "../analyse/violation.js";
import { riskResultSchema } from "../analyse/risk/index.js";
import { RULE_IDS } from "../checks/rules/index.js";
import { secondReadingSchema } from "../analyse/reader/index.js";
import { contentionSchema, orchestraSchema } from "../analyse/contention/index.js";

/**
 * Violations the base had in the files the change touches that the head no longer has: what a
 * clean-up repairs, counted in all and per rule (in the registry's order). Counts, not a list, so
 * the verdict stays small whatever a clean-up removes; the files are the change's own.
 */
export const fixedSchema = z.object({
  count: z.number().int().min(0),
  rules: z.array(z.object({ rule: z.enum(RULE_IDS), count: z.number().int().min(1) })),
});
export type Fixed = z.infer<typeof fixedSchema>;

/** The verdict object of SPEC §6: `maestro check --format json` prints it, the sticky comment ends with it. */
export const verdictSchema = z.object({
  verdict: z.enum(["pass", "conductor", "block"]),
  violations: z.array(violationSchema),
  risk: riskResultSchema,
  reasons: z.array(z.string()),
  /** What the reader should know beyond the violations: files not read, fallbacks taken. */
  notes: z.array(noteSchema),
  /** Whose change this is, and so how the verdict applies (SPEC §1 `agents:`). */
  subject: z.object({
    agent: z.boolean(),
    reason: z.string(),
    policy: z.enum(["enforce", "advise", "skip"]),
    /** The agent's part when one matched (agents.parts); absent otherwise. */
    part: z
      .object({ name: z.string(), modules: z.array(z.string()), max_risk: z.number().int().optional() })
      .optional(),
  }),
  // A verdict an earlier Maestro left in a sticky comment has no `fixed`: it still reads back.
  fixed: fixedSchema.default({ count: 0, rules: [] }),
  /** What the LLM second reader found, or why it did not read; absent when `llm.enabled` is off. */
  secondReader: secondReadingSchema.optional(),
  /**
   * The other open PRs on the same base that this one overlaps (SPEC §8), so an agent can rebase or wait; absent when
   * no other PRs were read (a CLI run, `contention.enabled: false`, a merge group).
   */
  contention: z.array(contentionSchema).optional(),
  /** How far the comparison with other open PRs looked, and the suggested merge order; absent with `contention`. */
  orchestra: orchestraSchema.optional(),
});
export type Verdict = z.infer<typeof verdictSchema>;
export type VerdictKind = Verdict["verdict"];
export type { Risk, Signal } from "../analyse/risk/index.js";
