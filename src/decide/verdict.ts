import { z } from "zod";
import { noteSchema } from "../analyse/note.js";
import { violationSchema } from "../analyse/violation.js";
import { riskResultSchema } from "../analyse/risk/index.js";

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
  }),
});
export type Verdict = z.infer<typeof verdictSchema>;
export type VerdictKind = Verdict["verdict"];
export type { Risk, Signal } from "../analyse/risk/index.js";
