import type { Explanation } from "./explanation.js";
import type { Severity } from "./severity.js";

/** A conformance rule: everything Maestro knows of it, in its own file under rules/. */
export interface RuleDefinition<Id extends string = string, Key extends string = string> {
  /** The stable id users see in annotations, in SARIF, in the JSON and in `/maestro explain <id>`. */
  readonly id: Id;
  /**
   * The rule's key under the score's `rules:`, its severity when the score omits it, and what the JSON Schema says of
   * it.
   */
  readonly setting: { readonly key: Key; readonly default: Exclude<Severity, "off">; readonly description: string };
  readonly explanation: Explanation;
}

/** A rule with its id and settings key kept literal, and whatever judging functions it carries. */
export function defineRule<const Rule extends RuleDefinition>(rule: Rule): Rule {
  return rule;
}
