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
