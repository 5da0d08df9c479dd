import type { RuleId } from "./check-ids.js";

export interface RuleDoc {
  readonly title: string;
  /** What breaking it means, in one sentence. */
  readonly meaning: string;
  /** How to fix the code, or declare the edge in the score if it is intended. */
  readonly fix: string;
}

/** What each rule means: shown by the SARIF rules, the summary and `/maestro explain`. */
export const RULES: Record<RuleId, RuleDoc> = {
  boundary: {
    title: "Module boundary",
    meaning: "A module imports another module outside its `may_use` list, or one in its `may_not_use` list.",
    fix: "Depend on an allowed module instead (often through an interface the allowed module owns), or, if the dependency is intended, add the target to the module's `may_use` in .github/maestro.yml.",
  },
  "public-api": {
    title: "Public API",
    meaning: "An import reaches into another module's internals instead of going through the files in its `public` list.",
    fix: "Import from the module's public entry point (its `public` files); if the internal needs to be shared, export it from there.",
  },
  "forbidden-package": {
    title: "Forbidden package",
    meaning: "A module imports a package listed in its `forbid_packages` (a subpath like `lodash/fp` counts; `fs` and `node:fs` are the same).",
    fix: "Move the code that needs the package into a module that may use it, and call it through an interface.",
  },
  cycle: {
    title: "Module cycle",
    meaning: "The change makes two or more modules depend on each other in a loop.",
    fix: "Invert one dependency (the lower module defines an interface the upper one implements), or move the shared code into a module both may use.",
  },
  unmapped: {
    title: "Unmapped file",
    meaning: "A changed source file belongs to no module, so no boundary protects it.",
    fix: "Add its folder to a module's `paths`, or to `ignore` if it is a test, fixture or generated file.",
  },
};
