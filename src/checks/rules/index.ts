import { boundary } from "./boundary.js";
import { cycle } from "./cycle.js";
import { forbiddenPackage } from "./forbidden-package.js";
import { part } from "./part.js";
import { publicApi } from "./public-api.js";
import { unmapped } from "./unmapped.js";

/**
 * The registry of conformance rules: each is one file in this folder, and this list is the only
 * other place that names it. The score's `rules:` severities (keys, defaults, JSON Schema), SARIF's
 * rules, `/maestro explain` and the verdict's rule ids all come from here, in this order.
 */
export const RULES = [boundary, publicApi, forbiddenPackage, cycle, unmapped, part] as const;

export type RuleId = (typeof RULES)[number]["id"];

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);
