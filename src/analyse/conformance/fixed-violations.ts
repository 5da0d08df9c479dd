import type { PlacedFinding } from "../../checks/rule-finding.js";
import type { RuleId } from "../../checks/rules/index.js";
import { findingKey } from "./judge-file.js";

/** A violation the base had in a file the change touches, and the head no longer has. */
export interface FixedViolation {
  readonly rule: RuleId;
  /** The file, by its head path (a removed file by its base path). */
  readonly file: string;
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * The base's findings in the changed files that the head's findings no longer have, by the same
 * identity that tells a new violation from an existing one (rule, file, modules, edge). A cycle is
 * the same cycle when the same file still makes the same module edge on a loop, whatever path the
 * loop takes now. `comparable` says which files the head was read for: a file Maestro could not
 * read at head fixed nothing (it is unjudged, not clean).
 */
export function fixedViolations(
  base: readonly PlacedFinding[],
  head: readonly PlacedFinding[],
  comparable: (file: string) => boolean,
): FixedViolation[] {
  const identity = (f: PlacedFinding) => findingKey(f.rule === "cycle" ? { ...f, edge: "" } : f);
  const atHead = new Set(head.map(identity));
  const fixed = new Map<string, FixedViolation>();
  for (const f of base) {
    const key = identity(f);
    if (atHead.has(key) || fixed.has(key) || !comparable(f.file)) continue;
    fixed.set(key, { rule: f.rule, file: f.file, from: f.from, to: f.to });
  }
  return [...fixed.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
