import type { ModuleRules } from "./rule-finding.js";

/** The module's reason for its boundary, quoted in every message about breaking it. */
export function because(module: ModuleRules): string {
  return module.description ? ` (why: ${module.description})` : "";
}

export function listOrNone(items: readonly string[]): string {
  return items.length ? items.join(", ") : "no other module";
}
