import type { ChangedFile } from "../../gather/change.js";
import type { SignalId } from "../../score/check-ids.js";
import type { Score } from "../../score/score-schema.js";
import type { ModuleMap } from "../conformance/module-map.js";
import type { ExportedApi } from "./exported-api.js";
import type { PatchLines } from "./patch-lines.js";

/** What the risk signals read: the change as facts, every file's patch already split into lines. */
export interface RiskFacts {
  readonly score: Score;
  readonly map: ModuleMap;
  readonly scorePath: string;
  readonly files: readonly ChangedFile[];
  lines(file: ChangedFile): PatchLines;
  /** Base and head text of the files a signal asked for (manifests, public API files). */
  readonly texts: ReadonlyMap<string, { readonly base?: string; readonly head?: string }>;
  /** What a public file exports at one side, read with ts-morph. */
  exportsOf(path: string, text: string): ExportedApi;
}

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

export interface SignalDefinition {
  readonly id: SignalId;
  /** Points at full strength, unless `risk.weights` says otherwise. */
  readonly points: number;
  /** Files whose texts the signal needs at base and head. */
  wants?(file: ChangedFile, facts: Pick<RiskFacts, "map" | "score">): boolean;
  evaluate(facts: RiskFacts): SignalHit | undefined;
}

/** `n` findings worth `each` of the full points, capped at full strength. */
export function countStrength(n: number, each: number): number {
  return Math.min(1, n * each);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Evidence listed in a detail line: the first few places, then how many more. */
export function places(evidence: readonly Evidence[], limit = 3): string {
  const shown = evidence.slice(0, limit).map((e) => `${e.file ?? ""}${e.line ? `:${e.line}` : ""}${e.what ? ` (${e.what})` : ""}`);
  const more = evidence.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}
