import type { RuleId } from "../../score/check-ids.js";
import type { RuleSettings, Severity } from "../../score/score-schema.js";
import { judgeImport } from "./judge-import.js";
import type { ModuleMap } from "./module-map.js";
import type { ResolvedImport } from "./read-imports.js";

/** A finding placed in a file, not yet split into new and existing. */
export interface PlacedFinding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly specifier: string | null;
  readonly edge: string;
  readonly message: string;
}

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
  if (!module) {
    if (rules.unmapped === "off") return [];
    return [
      {
        rule: "unmapped",
        severity: rules.unmapped,
        file: asPath,
        line: 1,
        column: 1,
        from: null,
        to: null,
        specifier: null,
        edge: "",
        message: `${asPath} belongs to no module: add its folder to a module's paths, or to ignore`,
      },
    ];
  }
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
