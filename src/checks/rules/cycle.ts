import { defineRule } from "../rule-definition.js";
import type { PlacedFinding } from "../rule-finding.js";
import type { Severity } from "../severity.js";

/** An import whose module edge lies on a cycle; analyse/conformance/find-cycles.ts finds them in the module graph. */
export interface CycleImport {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly specifier: string;
  /** The importing module and the module it imports. */
  readonly from: string;
  readonly to: string;
  /** The modules around the loop, from the importing module back to it: `[from, to, …, from]`. */
  readonly cycle: readonly string[];
  /** An import by which `to` already depends on the next module round the loop, to show where it closes. */
  readonly closing?: { readonly file: string; readonly line: number };
}

export const cycle = defineRule({
  id: "cycle",
  setting: { key: "cycles", default: "error", description: "A new cycle between modules." },
  explanation: {
    title: "Module cycle",
    meaning: "The change makes two or more modules depend on each other in a loop.",
    fix: "Invert one dependency (the lower module defines an interface the upper one implements), or move the shared code into a module both may use.",
  },
  /**
   * The finding for one import on a cycle; its edge is the whole loop, so that the same loop is the same finding at
   * base.
   */
  finding(
    { file, line, column, specifier, from, to, cycle: loop, closing }: CycleImport,
    severity: Severity,
  ): PlacedFinding {
    return {
      rule: "cycle",
      severity,
      file,
      line,
      column,
      from,
      to,
      specifier,
      edge: loop.join(">"),
      message: `cycle ${loop.join(" → ")}: "${specifier}" makes ${from} depend on ${to}, which already depends on ${from}${closing ? ` (${closing.file}:${closing.line})` : ""}; invert one dependency or move the shared code into a module both may use`,
    };
  },
});
