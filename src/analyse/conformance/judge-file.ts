import type { PlacedFinding } from "../../checks/rule-finding.js";
import { unmapped } from "../../checks/rules/unmapped.js";
import type { RuleSettings } from "../../score/score-schema.js";
import { judgeImport } from "./judge-import.js";
import type { ModuleMap } from "./module-map.js";
import type { ResolvedImport } from "./read-imports.js";

/** Identity of a finding across base and head: the same rule on the same edge of the same file (lines may move). */
export function findingKey(f: Pick<PlacedFinding, "rule" | "file" | "from" | "to" | "edge">): string {
  return [f.rule, f.file, f.from ?? "", f.to ?? "", f.edge].join("\u0000");
}

/** Every per-import rule for one file; `asPath` names it (a base file is judged under its head path). */
export function judgeFile(
  asPath: string,
  imports: readonly ResolvedImport[],
  map: ModuleMap,
  rules: RuleSettings,
  sourcePath: string = asPath,
): PlacedFinding[] {
  if (map.isIgnored(sourcePath)) return [];
  const module = map.moduleOf(sourcePath);
  if (!module) return unmapped.judge(asPath, rules[unmapped.setting.key]);
  return imports.flatMap((imp) => {
    if (imp.typeOnly && rules.type_imports === "ignore") return [];
    return judgeImport(module, imp, map, rules).map((f) => ({
      ...f,
      file: asPath,
      line: imp.line,
      column: imp.column,
      specifier: imp.specifier,
    }));
  });
}
