import { defineRule } from "../rule-definition.js";
import type { PlacedFinding } from "../rule-finding.js";
import type { Severity } from "../severity.js";

export const unmapped = defineRule({
  id: "unmapped",
  setting: { key: "unmapped", default: "warn", description: "A changed source file that belongs to no module." },
  explanation: {
    title: "Unmapped file",
    meaning: "A changed source file belongs to no module, so no boundary protects it.",
    fix: "Add its folder to a module's `paths`, or to `ignore` if it is a test, fixture or generated file.",
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
});
