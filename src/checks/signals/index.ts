import type { SignalDefinition } from "../signal-definition.js";
import { agentInstructions } from "./agent-instructions.js";
import { apiRemoved } from "./api-removed.js";
import { binary } from "./binary.js";
import { breadth } from "./breadth.js";
import { ciInfra } from "./ci-infra.js";
import { contention } from "./contention.js";
import { dependencies } from "./dependencies.js";
import { diffusion } from "./diffusion.js";
import { fileHistory } from "./file-history.js";
import { llm } from "./llm.js";
import { promptInjection } from "./prompt-injection.js";
import { protectedPaths } from "./protected.js";
import { relativeChurn } from "./relative-churn.js";
import { scoreChanged } from "./score-changed.js";
import { secrets } from "./secrets.js";
import { securitySensitive } from "./security-sensitive.js";
import { size } from "./size.js";
import { suppressions } from "./suppressions.js";
import { testsWeakened } from "./tests-weakened.js";
import { untested } from "./untested.js";

/**
 * The registry of risk signals: each is one file in this folder, and this list is the only other
 * place that names it. The score's `risk.weights` keys, its JSON Schema, `/maestro explain` and
 * the verdict's signal ids all come from here; the schema and explain list them in this order.
 */
export const SIGNALS = [
  size,
  breadth,
  protectedPaths,
  scoreChanged,
  dependencies,
  untested,
  testsWeakened,
  securitySensitive,
  suppressions,
  secrets,
  apiRemoved,
  binary,
  ciInfra,
  diffusion,
  relativeChurn,
  fileHistory,
  llm,
  promptInjection,
  agentInstructions,
  contention,
] as const;

export type SignalId = (typeof SIGNALS)[number]["id"];

export const SIGNAL_IDS: readonly SignalId[] = SIGNALS.map((s) => s.id);

/**
 * The order a verdict lists its signals in: secrets first (a credential once pushed is exposed, whatever becomes of the
 * PR), then the registry's.
 */
export const SIGNALS_IN_REPORT_ORDER: readonly SignalDefinition<SignalId>[] = [
  secrets,
  ...SIGNALS.filter((s) => s.id !== secrets.id),
];
