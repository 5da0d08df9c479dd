import { z } from "zod";
import { SIGNAL_IDS } from "../../checks/signals/index.js";

/** One reason the change is risky: its points and the evidence (file and line where there is one). */
export const signalSchema = z.object({
  id: z.enum(SIGNAL_IDS),
  points: z.number().int().min(0),
  detail: z.string(),
  file: z.string().optional(),
  line: z.number().int().min(1).optional(),
});
export type Signal = z.infer<typeof signalSchema>;

/** A verdict's risk: the capped sum of its signals, and the level that sum reaches in the score's thresholds. */
export const riskResultSchema = z.object({
  score: z.number().int().min(0).max(100),
  level: z.enum(["low", "medium", "high"]),
  signals: z.array(signalSchema),
});
export type Risk = z.infer<typeof riskResultSchema>;
