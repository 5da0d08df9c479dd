import type { RuleId } from "../../score/check-ids.js";
import type { ModuleSpec, RuleSettings, Severity } from "../../score/score-schema.js";
import type { ModuleMap } from "./module-map.js";
import type { ResolvedImport } from "./read-imports.js";

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

/** boundary, public-api and forbidden-package for one import of a file in module `from`. */
export function judgeImport(from: ModuleSpec, imp: ResolvedImport, map: ModuleMap, rules: RuleSettings): Finding[] {
  const { target } = imp;
  if (target.kind === "package") return forbiddenPackage(from, imp.specifier, rules.forbidden_package);
  if (target.kind !== "file") return [];
  const to = map.moduleOf(target.path);
  if (!to || to === from || map.isIgnored(target.path)) return [];

  const denied = from.may_not_use.includes(to.name);
  const allowed = !denied && (from.may_use === undefined || from.may_use.includes(to.name));
  if (!allowed && rules.boundary !== "off") {
    const why = denied
      ? `${from.name} must not use ${to.name} (may_not_use)`
      : `${from.name} may not use ${to.name}; it may use ${listOrNone(from.may_use ?? [])}`;
    return [finding("boundary", rules.boundary, from, to.name, target.path, `${why}: "${imp.specifier}" imports ${target.path}${because(from)}`)];
  }
  if (!allowed || rules.public_api === "off" || map.isPublic(to, target.path)) return [];
  return [
    finding(
      "public-api",
      rules.public_api,
      from,
      to.name,
      target.path,
      `"${imp.specifier}" reaches into ${to.name} (${target.path}), bypassing its public API: import it through ${listOrNone(to.public ?? [])}`,
    ),
  ];
}

function forbiddenPackage(from: ModuleSpec, specifier: string, severity: Severity): Finding[] {
  if (severity === "off") return [];
  const banned = from.forbid_packages.find((entry) => packageMatches(specifier, entry));
  if (banned === undefined) return [];
  const name = packageRoot(specifier);
  return [finding("forbidden-package", severity, from, name, specifier, `package "${specifier}" is forbidden in ${from.name} (forbid_packages: "${banned}")${because(from)}`)];
}

/** `lodash` bans `lodash/fp`; `fs` and `node:fs` are one module. */
export function packageMatches(specifier: string, entry: string): boolean {
  const spec = specifier.replace(/^node:/, "");
  const banned = entry.replace(/^node:/, "").replace(/\/+$/, "");
  return spec === banned || spec.startsWith(`${banned}/`);
}

/** `@scope/name/sub` → `@scope/name`; `lodash/fp` → `lodash`; `node:fs/promises` → `node:fs`. */
export function packageRoot(specifier: string): string {
  const parts = specifier.split("/");
  return parts.slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}

function finding(rule: RuleId, severity: Severity, from: ModuleSpec, to: string, edge: string, message: string): Finding {
  return { rule, severity, from: from.name, to, edge, message };
}

function because(module: ModuleSpec): string {
  return module.description ? ` (why: ${module.description})` : "";
}

function listOrNone(items: readonly string[]): string {
  return items.length ? items.join(", ") : "no other module";
}
