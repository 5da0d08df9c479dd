import { z } from "zod";
import { verifiedFindingSchema } from "./finding-schema.js";

/** Where an answer came from (SPEC §3 provenance): enough to tell which model said what, and what it cost. */
export const readingProvenanceSchema = z.object({
  model: z.string(),
  /** The host of the OpenAI-compatible server, never its credentials or path. */
  host: z.string(),
  /** sha256 of the prompt template: which instructions the model was given. */
  promptSha256: z.string(),
  tokensIn: z.number().int().min(0),
  tokensOut: z.number().int().min(0),
  latencyMs: z.number().int().min(0),
  /** The answer was one already given for this head, base, score, model and prompt: no call was made. */
  cached: z.boolean(),
});
export type ReadingProvenance = z.infer<typeof readingProvenanceSchema>;

/** A changed file the model was not sent, and why (the token budget, a lockfile, a generated file...). */
export const leftOutFileSchema = z.object({ file: z.string(), reason: z.string() });
export type LeftOutFile = z.infer<typeof leftOutFileSchema>;

/**
 * The second reader's part of a verdict: what it found that Maestro could verify, how many findings it
 * dropped, what it was not shown, and where the answer came from. `unavailable` always carries the reason,
 * and the verdict is then the rules' own; `skipped` says why no call was made.
 */
export const secondReadingSchema = z.object({
  status: z.enum(["read", "unavailable", "skipped"]),
  reason: z.string().optional(),
  findings: z.array(verifiedFindingSchema),
  /** Findings dropped because their file, line or quote is not in the change. */
  dropped: z.number().int().min(0),
  leftOut: z.array(leftOutFileSchema),
  /** Parts of what was sent besides files cut short to fit `llm.max_input_tokens` (the PR's description first). */
  cut: z.array(z.string()).default([]),
  provenance: readingProvenanceSchema.optional(),
});
export type SecondReading = z.infer<typeof secondReadingSchema>;
