import { part, type AgentPart } from "../../checks/rules/part.js";
import type { Severity } from "../../checks/severity.js";
import type { ChangedFile } from "../../gather/change.js";
import type { Violation } from "../violation.js";
import type { ModuleMap } from "./module-map.js";

/**
 * The `part` rule over every changed file, ignored ones included: a test or a fixture in another agent's module
 * is still that agent's code, and a file in no module is in no part. Every change is the PR's own, so each finding
 * is new.
 */
export function checkPart(
  map: ModuleMap,
  changed: readonly ChangedFile[],
  agentPart: AgentPart | undefined,
  severity: Severity,
): Violation[] {
  if (!agentPart) return [];
  const moduleOf = (path: string) => map.moduleOf(path)?.name ?? null;
  return changed.flatMap((file) => {
    const previous =
      file.status === "renamed" && file.previousPath !== undefined
        ? { path: file.previousPath, module: moduleOf(file.previousPath) }
        : undefined;
    return part
      .judge({ path: file.path, module: moduleOf(file.path), previous }, agentPart, severity)
      .map(({ rule, file: at, line, column, from, to, specifier, message }) => ({
        rule,
        severity: severity === "error" ? ("error" as const) : ("warn" as const),
        file: at,
        line,
        column,
        from,
        to,
        specifier,
        message,
        introduced: true,
      }));
  });
}
