import type { Change } from "../../gather/change.js";
import type { Score } from "../../score/score-schema.js";
import type { PullText, Signal } from "../risk/index.js";
import type { Violation } from "../violation.js";
import type { ReaderAnswer } from "./finding-schema.js";
import type { LeftOutFile, ReadingProvenance } from "./second-reading-schema.js";

/** What the rules found, sent along so that the model does not repeat it. */
export interface RulesFindings {
  readonly violations: readonly Violation[];
  readonly signals: readonly Signal[];
}

/** What a second reader is asked to read: the change under its score, after the rules have judged it. */
export interface ReadingRequest {
  readonly score: Score;
  readonly change: Change;
  readonly rules: RulesFindings;
  readonly pullText?: PullText;
}

/**
 * What came back: the model's answer as it parsed (not yet verified), or why there is none. An unavailable reader
 * leaves the verdict to the rules, and says why.
 */
export type ReaderReply =
  | {
      readonly kind: "answered";
      readonly answer: ReaderAnswer;
      readonly leftOut: readonly LeftOutFile[];
      /** Parts other than files cut short to fit the budget. */
      readonly cut?: readonly string[];
      readonly provenance: ReadingProvenance;
    }
  | {
      readonly kind: "unavailable";
      readonly reason: string;
      readonly leftOut?: readonly LeftOutFile[];
      readonly cut?: readonly string[];
      readonly provenance?: ReadingProvenance;
    };

/** The port the review calls: the llm adapter implements it over an OpenAI-compatible server. */
export type SecondReader = (request: ReadingRequest) => Promise<ReaderReply>;
