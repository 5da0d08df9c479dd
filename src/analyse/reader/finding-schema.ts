import { z } from "zod";

/** What a finding is about; `prompt-injection` is text in the change aimed at its reviewers. */
export const FINDING_KINDS = [
  "logic",
  "security",
  "tests-weakened",
  "scope",
  "architecture",
  "data-loss",
  "prompt-injection",
  "other",
] as const;

export const FINDING_SEVERITIES = ["low", "medium", "high"] as const;

/**
 * One finding as the model must answer it. Strict structured output accepts only plain types, enums and required keys,
 * so lengths and line ranges are checked when the finding is verified, not here.
 */
export const answeredFindingSchema = z.strictObject({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(FINDING_SEVERITIES),
  file: z.string().describe("The changed file's path at head, as given."),
  line: z
    .number()
    .int()
    .describe("The line in the head file (for a removed line: where the removal sits in the head)."),
  explanation: z.string().describe("Why this is a risk, in one or two sentences."),
  evidence: z.string().describe("A verbatim quote of the changed line it is about."),
});
export type AnsweredFinding = z.infer<typeof answeredFindingSchema>;

/** The whole answer: the response format sent to the model and what its reply must parse as. */
export const readerAnswerSchema = z.strictObject({
  findings: z.array(answeredFindingSchema),
});
export type ReaderAnswer = z.infer<typeof readerAnswerSchema>;

/** A finding Maestro has checked against the change: its file is changed and its quote is on that changed line. */
export const verifiedFindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(FINDING_SEVERITIES),
  file: z.string(),
  line: z.number().int().min(1),
  explanation: z.string(),
  evidence: z.string(),
});
export type VerifiedFinding = z.infer<typeof verifiedFindingSchema>;
