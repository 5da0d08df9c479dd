import type { Change, ChangedFile } from "../../gather/change.js";
import { parseJsonOrUndefined } from "../../shared/parse-json-or-undefined.js";
import { isResolutionConfig, mayBeExtendedConfig } from "./resolution-config.js";
import type { ImportTarget } from "./resolve-imports.js";

/**
 * Which imports of unchanged files the change's configs can send elsewhere, so only those are resolved again.
 * `all` when a change to a config could move any import; otherwise `affects` says, import by import.
 */
export interface ConfigImpact {
  readonly all: boolean;
  /** True when nothing changed that can move an import: no import is resolved again for configs. */
  readonly none: boolean;
  affects(fromPath: string, specifier: string, before: ImportTarget): boolean;
}

/** package.json fields the resolver reads: TypeScript's (entry points, exports, imports, type), source, workspaces. */
const RESOLVING_FIELDS = [
  "name",
  "source",
  "main",
  "types",
  "typings",
  "typesVersions",
  "exports",
  "imports",
  "type",
  "workspaces",
];
/** The fields of those that only say where the package's own entry points are. */
const ENTRY_FIELDS = new Set(["main", "types", "typings", "typesVersions", "exports", "source"]);
/** tsconfig options that only steer bare specifiers. */
const BARE_ONLY_OPTIONS = new Set(["paths", "baseUrl"]);

type Rule = (fromPath: string, specifier: string, before: ImportTarget) => boolean;

export async function configImpact(change: Change, changed: readonly ChangedFile[]): Promise<ConfigImpact> {
  // A JSON file some tsconfig may extend: which settings it carries is not known without reading every tsconfig.
  if (
    changed.some(
      (f) => mayBeExtendedConfig(f.path) || (f.previousPath !== undefined && mayBeExtendedConfig(f.previousPath)),
    )
  )
    return everything;
  const configs = changed.filter(
    (f) => isResolutionConfig(f.path) || (f.previousPath !== undefined && isResolutionConfig(f.previousPath)),
  );
  if (configs.length === 0) return { all: false, none: true, affects: () => false };
  const modified = configs.filter((f) => f.status === "modified" && isResolutionConfig(f.path));
  // A config that appears, goes or moves changes which settings apply where: everything is resolved again.
  if (modified.length < configs.length) return everything;
  const paths = modified.map((f) => f.path);
  const [base, head] = await Promise.all([change.read("base", paths), change.read("head", paths)]);
  const rules: Rule[] = [];
  for (const path of paths) {
    const before = base.get(path);
    const after = head.get(path);
    if (before?.kind !== "text" || after?.kind !== "text") return everything;
    const rule = path.endsWith("package.json")
      ? packageRule(path, before.text, after.text)
      : path.endsWith(".json")
        ? tsconfigRule(before.text, after.text)
        : // pnpm-workspace.yaml: which folders are packages, so where any bare specifier leads.
          isBare;
    if (rule === "all") return everything;
    if (rule) rules.push(rule);
  }
  if (rules.length === 0) return { all: false, none: true, affects: () => false };
  return {
    all: false,
    none: false,
    affects: (from, specifier, target) => rules.some((r) => r(from, specifier, target)),
  };
}

const everything: ConfigImpact = { all: true, none: false, affects: () => true };

function isBare(_from: string, specifier: string): boolean {
  return !specifier.startsWith(".") && !specifier.startsWith("/");
}

/** A package.json: nothing when no field the resolver reads changed (a version bump), else what those fields steer. */
function packageRule(path: string, beforeText: string, afterText: string): Rule | "all" | undefined {
  const before = asObject(parseJsonOrUndefined(beforeText));
  const after = asObject(parseJsonOrUndefined(afterText));
  if (!before || !after) return "all";
  const differing = new Set(
    RESOLVING_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])),
  );
  if (differing.size === 0) return undefined;
  // `type` decides whether its files are ES modules, and so which `exports` conditions every import of them meets.
  if (differing.has("type")) return "all";
  const names = [before.name, after.name].filter((n): n is string => typeof n === "string");
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  const entries = [...differing].some((field) => ENTRY_FIELDS.has(field));
  const rules: Rule[] = [];
  // The package's name and entry points steer imports of it by name; its entry points, relative imports of its folder.
  if (entries || differing.has("name"))
    rules.push((_from, specifier) => names.some((n) => specifier === n || specifier.startsWith(`${n}/`)));
  if (entries)
    rules.push(
      (_from, specifier, target) => !isBare(_from, specifier) && target.kind === "file" && target.path.startsWith(dir),
    );
  // Which folders are workspace packages: where any bare specifier may lead.
  if (differing.has("workspaces")) rules.push(isBare);
  // Subpath imports (`#internal`) are the package's own.
  if (differing.has("imports")) rules.push((_from, specifier) => specifier.startsWith("#"));
  return (from, specifier, target) => rules.some((rule) => rule(from, specifier, target));
}

/** A tsconfig or jsconfig: `paths` and `baseUrl` alone steer bare specifiers only; any other option, everything. */
function tsconfigRule(beforeText: string, afterText: string): Rule | "all" | undefined {
  const before = asObject(parseJsonc(beforeText));
  const after = asObject(parseJsonc(afterText));
  if (!before || !after) return "all";
  const options = (config: Record<string, unknown>) => asObject(config.compilerOptions) ?? {};
  const rest = (config: Record<string, unknown>) => JSON.stringify({ ...config, compilerOptions: undefined });
  if (rest(before) !== rest(after)) return "all";
  const [a, b] = [options(before), options(after)];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const differing = [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  if (differing.length === 0) return undefined;
  return differing.every((key) => BARE_ONLY_OPTIONS.has(key)) ? isBare : "all";
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * JSON with comments and trailing commas, as tsconfig allows; undefined when it still does not parse (then every import
 * is resolved again, as the resolver will say what it made of the file).
 */
function parseJsonc(text: string): unknown {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
      out += " ";
    } else out += c;
  }
  return parseJsonOrUndefined(out.replace(/,(\s*[}\]])/g, "$1"));
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
