import type { RuleId } from "./rules/index.js";
import type { Severity } from "./severity.js";

/** A rule one import breaks, before diff-awareness decides whether it is new. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly from: string | null;
  readonly to: string | null;
  /** What makes two findings the same edge across base and head (the target file or package). */
  readonly edge: string;
  readonly message: string;
}

/** A finding placed in a file, not yet split into new and existing. */
export interface PlacedFinding extends Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly specifier: string | null;
}

/** A module as the import rules read it: the score's module, narrowed to what they judge by. */
export interface ModuleRules {
  readonly name: string;
  /** Why the boundary exists, quoted when it is broken. */
  readonly description?: string;
  readonly may_use?: readonly string[];
  readonly may_not_use: readonly string[];
  readonly public?: readonly string[];
  readonly forbid_packages: readonly string[];
}

/** One import from a file of module `from` to a file of module `to`. */
export interface ModuleImport {
  readonly from: ModuleRules;
  readonly to: ModuleRules;
  readonly specifier: string;
  /** The imported file. */
  readonly path: string;
}
