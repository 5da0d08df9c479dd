import type { ChangedFile } from "../gather/change.js";
import type { Explanation } from "./explanation.js";
import type { RiskFacts } from "./risk-facts.js";

/** One place a signal found something: shown as the signal's evidence and, with a line, as an annotation. */
export interface Evidence {
  readonly file?: string;
  readonly line?: number;
  /** What was found there, never the secret itself. */
  readonly what: string;
}

export interface SignalHit {
  /** 0..1 of the signal's full points. */
  readonly strength: number;
  readonly detail: string;
  readonly evidence: readonly Evidence[];
}

/** A risk signal: everything Maestro knows of it, in its own file under signals/. */
export interface SignalDefinition<Id extends string = string> {
  /** The stable id users see in the verdict, in `/maestro explain <id>` and in `risk.weights`. */
  readonly id: Id;
  /** Points at full strength, unless `risk.weights` says otherwise. */
  readonly points: number;
  readonly explanation: Explanation;
  /** Files whose texts the signal needs at base and head. */
  wants?(file: ChangedFile, facts: Pick<RiskFacts, "modules">): boolean;
  evaluate(facts: RiskFacts): SignalHit | undefined;
  /** Why a conductor must look whatever the points (and whatever its weight), when the signal fires. */
  conductorReasons?(evidence: readonly Evidence[], facts: Pick<RiskFacts, "scorePath">): string[];
}

/** A signal with its id kept literal, so that the registry can derive the ids' type from its list. */
export function defineSignal<const Id extends string>(signal: SignalDefinition<Id>): SignalDefinition<Id> {
  return signal;
}
