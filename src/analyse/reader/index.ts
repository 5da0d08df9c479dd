/** The second reader's public face: the answer's schema, and its part of a verdict. */
export {
  FINDING_KINDS,
  FINDING_SEVERITIES,
  readerAnswerSchema,
  verifiedFindingSchema,
  type AnsweredFinding,
  type ReaderAnswer,
  type VerifiedFinding,
} from "./finding-schema.js";
export {
  leftOutFileSchema,
  readingProvenanceSchema,
  secondReadingSchema,
  type LeftOutFile,
  type ReadingProvenance,
  type SecondReading,
} from "./second-reading-schema.js";
export type { ReaderReply, ReadingRequest, RulesFindings, SecondReader } from "./second-reader.js";
export { prepareReading, type PreparedReading, type ReadingInput } from "./prepare-reading.js";
export { PROMPT_SHA256 } from "./reading-instructions.js";
export type { ReadingMessage } from "./message-tokens.js";
export type { RulesSaid } from "./reading-sections.js";
export { verifyFindings } from "./verify-findings.js";
export { loadO200k } from "./o200k.js";
