import { z } from "zod";
import { noteSchema } from "../analyse/note.js";
import { violationSchema } from "../analyse/violation.js";
import { SIGNAL_IDS } from "../score/check-ids.js";

export const signalSchema = z.object({
  id: z.enum(SIGNAL_IDS),
  points: z.number().int().min(0),
  detail: z.string(),
  file: z.string().optional(),
  line: z.number().int().min(1).optional(),
});
export type Signal = z.infer<typeof signalSchema>;

export const riskSchema = z.object({
  score: z.number().int().min(0).max(100),
  level: z.enum(["low", "medium", "high"]),
  signals: z.array(signalSchema),
});
export type Risk = z.infer<typeof riskSchema>;

/** The verdict object of SPEC §6: `maestro check --format json` prints it, the sticky comment ends with it. */
export const verdictSchema = z.object({
  verdict: z.enum(["pass", "conductor", "block"]),
  violations: z.array(violationSchema),
  risk: riskSchema,
  reasons: z.array(z.string()),
  /** What the reader should know beyond the violations: files not read, fallbacks taken. */
  notes: z.array(noteSchema),
});
export type Verdict = z.infer<typeof verdictSchema>;
export type VerdictKind = Verdict["verdict"];
