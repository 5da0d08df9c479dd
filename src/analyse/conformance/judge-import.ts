import type { Finding } from "../../checks/rule-finding.js";
import { boundary } from "../../checks/rules/boundary.js";
import { forbiddenPackage } from "../../checks/rules/forbidden-package.js";
import { publicApi } from "../../checks/rules/public-api.js";
import { unmapped } from "../../checks/rules/unmapped.js";
import type { ModuleSpec, RuleSettings } from "../../score/score-schema.js";
import type { ModuleMap } from "./module-map.js";
import type { ResolvedImport } from "./read-imports.js";

/**
 * boundary, public-api and forbidden-package for one import of a file in module `from`. An import
 * the boundary refuses is judged by the boundary alone: its public files do not matter then.
 * The imported file is judged by its module whether or not it is in `ignore` (ignore is about
 * sources, not targets); an ignored file in no module is `unmapped` at this import.
 */
export function judgeImport(from: ModuleSpec, imp: ResolvedImport, map: ModuleMap, rules: RuleSettings): Finding[] {
  const { target } = imp;
  if (target.kind === "package")
    return forbiddenPackage.judge(from, imp.specifier, rules[forbiddenPackage.setting.key]);
  if (target.kind !== "file") return [];
  const to = map.moduleOf(target.path);
  // A file in no module that is not ignored is judged itself, as unmapped, when it changes; an ignored one never is.
  if (!to)
    return map.isIgnored(target.path)
      ? unmapped.judgeImport({ from, specifier: imp.specifier, path: target.path }, rules[unmapped.setting.key])
      : [];
  if (to === from) return [];

  const edge = { from, to, specifier: imp.specifier, path: target.path };
  if (!boundary.allows(from, to)) return boundary.judge(edge, rules[boundary.setting.key]);
  return publicApi.judge(edge, rules[publicApi.setting.key], map);
}
