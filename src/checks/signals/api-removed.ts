import picomatch from "picomatch";
import type { ChangedFile } from "../../gather/change.js";
import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { baseName, dirName } from "../file-kinds.js";
import type { RiskFacts } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** A module's entry file: what other code imports it by, when the module names no `public` files. */
const ENTRY = /^(?:index|mod|main)(?:\.d)?\.[cm]?[jt]sx?$/;

/**
 * Whether a file is an entry of a module that declares no `public:`: an `index`, `mod` or `main` file in the module's
 * root folder (each `paths` glob up to its first wildcard) or that folder's `src/`. Most scores never declare
 * `public:`;
 * a package's entry is its contract all the same.
 */
function isEntryFile(module: { readonly paths: readonly string[] }, path: string): boolean {
  if (!ENTRY.test(baseName(path))) return false;
  const dir = dirName(path);
  return module.paths.some((glob) => {
    const root = picomatch.scan(glob).base;
    return dir === root || dir === (root ? `${root}/src` : "src");
  });
}

/** A changed, judged file that is some module's public file (declared, or its entry file) at base. */
function isPublicAtBase(file: ChangedFile, { modules }: Pick<RiskFacts, "modules">): boolean {
  if (file.status === "added") return false;
  const basePath = file.previousPath ?? file.path;
  if (modules.isIgnored(basePath)) return false;
  const module = modules.moduleOf(basePath);
  if (!module) return false;
  return module.public ? modules.isPublic(module, basePath) : isEntryFile(module, basePath);
}

/** Exported names removed, or their signatures changed, in a module's public files. */
export const apiRemoved = defineSignal({
  id: "api-removed",
  points: 30,
  explanation: {
    title: "Public API changed",
    meaning:
      "Exported names were removed, or their signatures changed, in a module's public files: the `public` files it declares or, when it declares none, its entry file (`index`, `mod` or `main`, any JS or TS extension, in the module's root folder or its `src/`). Other modules may break.",
    fix: "Keep the old export (deprecate it), or update every user in the same PR.",
  },
  wants: isPublicAtBase,
  evaluate(facts) {
    const evidence: Evidence[] = [];
    for (const file of facts.files.filter((f) => isPublicAtBase(f, facts))) {
      const basePath = file.previousPath ?? file.path;
      const texts = facts.texts.get(file.path) ?? facts.texts.get(basePath);
      if (texts?.base === undefined) continue;
      const before = facts.exportsOf(basePath, texts.base);
      const after = texts.head === undefined ? new Map<string, string>() : facts.exportsOf(file.path, texts.head);
      for (const [name, signature] of before) {
        if (!after.has(name)) evidence.push({ file: file.path, what: `${name} removed` });
        else if (after.get(name) !== signature) evidence.push({ file: file.path, what: `${name} changed` });
      }
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: countStrength(evidence.length, 0.5),
      detail: `${plural(evidence.length, "public export")} removed or changed: ${places(evidence)}`,
      evidence,
    };
  },
});
