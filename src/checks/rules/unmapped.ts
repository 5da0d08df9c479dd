import { defineRule } from "../rule-definition.js";
import type { Finding, ModuleRules, PlacedFinding } from "../rule-finding.js";
import type { Severity } from "../severity.js";

/** An import, by a file of module `from`, of a file that is in `ignore` and in no module. */
export interface IgnoredImport {
  readonly from: ModuleRules;
  readonly specifier: string;
  /** The imported file. */
  readonly path: string;
}

export const unmapped = defineRule({
  id: "unmapped",
  setting: {
    key: "unmapped",
    default: "warn",
    description: "A changed source file that belongs to no module, or an import of an ignored file in no module.",
  },
  explanation: {
    title: "Unmapped file",
    meaning:
      "A changed source file belongs to no module, so no boundary protects it; or a module imports a file in `ignore` that belongs to no module (a test helper, a fixture, generated code), so no boundary says whether it may.",
    fix: "Add its folder to a module's `paths`, or to `ignore` if it is a test, fixture or generated file. For an import of an ignored file: production code should not use a test helper or fixture, so move what it needs into a module; if it is generated code the module may use, add its folder to a module's `paths` (it stays ignored, and its importers are judged by that module's boundary).",
  },
  /** A judged file that belongs to no module, placed at its first line (`path` names it, as the verdict does). */
  judge(path: string, severity: Severity): PlacedFinding[] {
    if (severity === "off") return [];
    return [
      {
        rule: "unmapped",
        severity,
        file: path,
        line: 1,
        column: 1,
        from: null,
        to: null,
        specifier: null,
        edge: "",
        message: `${path} belongs to no module: add its folder to a module's paths, or to ignore`,
      },
    ];
  },
  /**
   * An import of an ignored file in no module. The file itself is never judged (it is ignored), so the
   * edge to it is: otherwise production code could use a test helper or a fixture unseen.
   */
  judgeImport({ from, specifier, path }: IgnoredImport, severity: Severity): Finding[] {
    if (severity === "off") return [];
    const message = `"${specifier}" imports ${path}, which is in ignore and belongs to no module (a test helper, fixture or generated file): ${from.name} should not depend on it; move what it needs into a module, or add its folder to a module's paths`;
    return [{ rule: "unmapped", severity, from: from.name, to: null, edge: path, message }];
  },
});
