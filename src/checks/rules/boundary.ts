import { defineRule } from "../rule-definition.js";
import type { Finding, ModuleImport, ModuleRules } from "../rule-finding.js";
import { because, listOrNone } from "../rule-text.js";
import type { Severity } from "../severity.js";

/** Whether `from` may import `to` at all: not in its may_not_use, and in its may_use when it has one. */
function allows(from: ModuleRules, to: ModuleRules): boolean {
  return !from.may_not_use.includes(to.name) && (from.may_use === undefined || from.may_use.includes(to.name));
}

export const boundary = defineRule({
  id: "boundary",
  setting: { key: "boundary", default: "error", description: "An import outside may_use, or inside may_not_use." },
  explanation: {
    title: "Module boundary",
    meaning: "A module imports another module outside its `may_use` list, or one in its `may_not_use` list.",
    fix: "Depend on an allowed module instead (often through an interface the allowed module owns), or, if the dependency is intended, add the target to the module's `may_use` in .github/maestro.yml.",
  },
  allows,
  judge({ from, to, specifier, path }: ModuleImport, severity: Severity): Finding[] {
    if (severity === "off" || allows(from, to)) return [];
    const why = from.may_not_use.includes(to.name)
      ? `${from.name} must not use ${to.name} (may_not_use)`
      : `${from.name} may not use ${to.name}; it may use ${listOrNone(from.may_use ?? [])}`;
    return [
      {
        rule: "boundary",
        severity,
        from: from.name,
        to: to.name,
        edge: path,
        message: `${why}: "${specifier}" imports ${path}${because(from)}`,
      },
    ];
  },
});
