import { defineRule } from "../rule-definition.js";
import type { Finding, ModuleRules } from "../rule-finding.js";
import { because } from "../rule-text.js";
import type { Severity } from "../severity.js";

export const forbiddenPackage = defineRule({
  id: "forbidden-package",
  setting: { key: "forbidden_package", default: "error", description: "An import of a package in forbid_packages." },
  explanation: {
    title: "Forbidden package",
    meaning:
      "A module imports a package listed in its `forbid_packages` (a subpath like `lodash/fp` counts; `fs` and `node:fs` are the same).",
    fix: "Move the code that needs the package into a module that may use it, and call it through an interface.",
  },
  /** An import of a package (not a file) by a file of module `from`. */
  judge(from: ModuleRules, specifier: string, severity: Severity): Finding[] {
    if (severity === "off") return [];
    const banned = from.forbid_packages.find((entry) => packageMatches(specifier, entry));
    if (banned === undefined) return [];
    const message = `package "${specifier}" is forbidden in ${from.name} (forbid_packages: "${banned}")${because(from)}`;
    return [
      { rule: "forbidden-package", severity, from: from.name, to: packageRoot(specifier), edge: specifier, message },
    ];
  },
});

/** `lodash` bans `lodash/fp`; `fs` and `node:fs` are one module. */
function packageMatches(specifier: string, entry: string): boolean {
  const spec = specifier.replace(/^node:/, "");
  const banned = entry.replace(/^node:/, "").replace(/\/+$/, "");
  return spec === banned || spec.startsWith(`${banned}/`);
}

/** `@scope/name/sub` → `@scope/name`; `lodash/fp` → `lodash`; `node:fs/promises` → `node:fs`. */
function packageRoot(specifier: string): string {
  const parts = specifier.split("/");
  return parts.slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}
