import {
  checkConformance,
  type ConformanceStats,
  type GraphCache,
  type ModuleGraph,
} from "../analyse/conformance/index.js";
import type { Note } from "../analyse/note.js";
import { assessRisk, weighSignals, type RiskAssessment } from "../analyse/risk/index.js";
import type { SecondReader } from "../analyse/reader/index.js";
import { decide } from "../decide/decide.js";
import { authorshipOf, detectAgent, type Authorship } from "../decide/detect-agent.js";
import type { Verdict } from "../decide/verdict.js";
import type { Change } from "../gather/change.js";
import { overlongPathNote } from "../shared/glob.js";
import { SCORE_PATH } from "../score/parse-score.js";
import type { Score } from "../score/score-schema.js";
import type { PullText } from "../analyse/risk/index.js";
import { secondReading } from "./second-reading.js";
import { findContention, type ContentionResult, type OtherPulls } from "../analyse/contention/index.js";
import { agentName } from "../decide/agent-name.js";
import type { AgentRecord } from "../decide/agent-record-schema.js";

export interface ReviewInput {
  readonly score: Score;
  readonly change: Change;
  readonly scope: "change" | "all";
  readonly cache?: GraphCache;
  /** Filled with what conformance cost (the CLI's MAESTRO_STATS, the benchmark). */
  readonly stats?: ConformanceStats;
  /** Who wrote the change; absent means judge it as an agent's. */
  readonly authorship?: Authorship;
  /** What the adapter knows that the analysis cannot see (a listing GitHub cut short). */
  readonly notes?: readonly Note[];
  /** The PR's title and body, when the change is a PR's: data for the signals, never instructions. */
  readonly pullText?: PullText;
  /** Reads the diff after the rules when the score's `llm.enabled` is on; absent, that reading is unavailable. */
  readonly secondReader?: SecondReader;
  /** The other open PRs on the same base (the app reads them); absent, no contention is weighed. */
  readonly others?: OtherPulls;
  /** The PR's number, to tell it from the other open PRs; absent in a CLI run. */
  readonly pullNumber?: number;
  /** The record of this PR's agent on the podium, when its part has `trust`; absent, trust changes nothing. */
  readonly record?: AgentRecord;
}

export interface Review {
  readonly verdict: Verdict;
  /** Module edges at head and base, for the report's graph of what the change adds. */
  readonly headGraph: ModuleGraph;
  readonly baseGraph?: ModuleGraph;
}

/** The pipeline, gather → analyse → decide, over facts only: the one entry the CLI and the app share. */
export async function reviewChange(input: ReviewInput): Promise<Review> {
  const subject = detectAgent(input.score, input.authorship);
  const [conformance, rulesAssessment, overlong, contention] = await Promise.all([
    checkConformance({ ...input, part: subject.part }),
    assessRisk({ ...input, scorePath: SCORE_PATH }),
    overlongPathNotes(input),
    compareWithOthers(input),
  ]);
  // Contention is weighed with the rules, before the second reader, which is told the risk it adds.
  const assessment = contention ? withContention(rulesAssessment, contention, input.score) : rulesAssessment;
  const orchestra = contention ? { contention: contention.contention, orchestra: contention.orchestra } : {};
  const decideOn = (weighed: Pick<RiskAssessment, "risk" | "conductorReasons">) =>
    decide({
      score: input.score,
      violations: conformance.violations,
      fixed: conformance.fixed,
      risk: weighed.risk,
      notes: oneUnjudgedNotePerFile([...(input.notes ?? []), ...overlong, ...conformance.notes, ...assessment.notes]),
      conductorReasons: weighed.conductorReasons,
      subject,
      record: input.record,
    });
  const graphs = { headGraph: conformance.headGraph, baseGraph: conformance.baseGraph };
  const rules = decideOn(assessment);
  if (!input.score.llm.enabled) return { verdict: { ...rules, ...orchestra }, ...graphs };
  // The rules decide first: the second reader is told what they found, and can only add to it.
  const reader = input.secondReader ?? noSecondReader;
  const reading = await secondReading({ ...input, reader }, rules, assessment);
  return { verdict: { ...decideOn(reading.weighed), secondReader: reading.section, ...orchestra }, ...graphs };
}

/**
 * The other open PRs on the base, compared with this one when the app read them and the score wants it. It reads
 * imports itself (this change's at head, the others' at base), so it runs beside conformance, not after it.
 */
async function compareWithOthers(input: ReviewInput): Promise<ContentionResult | undefined> {
  const { others, score } = input;
  if (!others || !score.contention.enabled) return undefined;
  return findContention({
    score,
    change: input.change,
    others,
    ...(input.pullNumber === undefined ? {} : { pullNumber: input.pullNumber }),
    playerOf: (pull) => {
      const subject = detectAgent(score, authorshipOf(pull));
      return { agent: agentName(subject, pull.author), human: !subject.agent };
    },
  });
}

/** The rules' risk weighed again with the overlaps added as the `contention` signal's facts. */
function withContention(assessment: RiskAssessment, found: ContentionResult, score: Score): RiskAssessment {
  if (found.overlaps.length === 0) return assessment;
  const facts = { ...assessment.facts, contention: found.overlaps };
  return { ...assessment, ...weighSignals(facts, score), facts };
}

const noSecondReader: SecondReader = () =>
  Promise.resolve({
    kind: "unavailable",
    reason: "this run has no second reader (llm.enabled is on, but no model is set up)",
  });

/** A path too long for most globs may escape the score's modules, ignore and protected: a conductor looks at it. */
async function overlongPathNotes(input: ReviewInput): Promise<Note[]> {
  const paths =
    input.scope === "all" ? await input.change.tree("head") : (await input.change.files()).map((f) => f.path);
  return paths.flatMap((path) => {
    const message = overlongPathNote(path);
    return message ? [{ file: path, unjudged: true, message }] : [];
  });
}

/**
 * The verdict counts unjudged notes as files, so a file both analyses could not read (its imports
 * and its diff) is one note saying both, not two.
 */
function oneUnjudgedNotePerFile(notes: readonly Note[]): Note[] {
  const result: Note[] = [];
  const unjudgedAt = new Map<string, number>();
  for (const note of notes) {
    const at = note.unjudged && note.file !== undefined ? unjudgedAt.get(note.file) : undefined;
    if (at === undefined) {
      if (note.unjudged && note.file !== undefined) unjudgedAt.set(note.file, result.length);
      result.push(note);
    } else {
      const earlier = result[at] as Note;
      result[at] = { ...earlier, message: `${earlier.message}; ${note.message}` };
    }
  }
  return result;
}
