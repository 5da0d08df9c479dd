import { z } from "zod";
import type { ChangedFile } from "../../gather/change.js";
import { parseJsonOrUndefined } from "../../shared/parse-json-or-undefined.js";
import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { baseName, dirName, LOCKFILES, MANIFESTS } from "../file-kinds.js";
import type { PatchLine, RiskFacts } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** A section of package.json, name → version; anything else in its place counts as an empty section. */
const npmSection = z.record(z.string(), z.unknown()).catch({});
const npmManifest = z.object({
  dependencies: npmSection,
  devDependencies: npmSection,
  peerDependencies: npmSection,
  optionalDependencies: npmSection,
});
type NpmManifest = z.output<typeof npmManifest>;
const NPM_SECTIONS = npmManifest.keyof().options;

/**
 * New or upgraded dependencies in common manifests, and lockfiles that moved without their manifest. The repository's
 * own workspace packages are not dependencies: a release bumping them is no dependency change. Ignored manifests count:
 * what a file installs does not depend on whether it is judged (a GitHub Action's package.json lies under `.github/`).
 */
export const dependencies = defineSignal({
  id: "dependencies",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 0.953, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 19,
  explanation: {
    title: "Dependencies",
    meaning:
      "New or upgraded dependencies in a manifest, or a lockfile changed with no manifest of its kind changed in its folder or below (a workspace root's lockfile moves with its members'), ignored or not. The repository's own workspace packages (its npm, yarn or pnpm workspace members, by name) are not dependencies: a release bumping their versions does not count.",
    fix: "Check each package (maintainer, licence, size); keep dependency bumps in their own PR.",
  },
  wants: (file) => baseName(file.path) === "package.json",
  evaluate(facts) {
    const evidence: Evidence[] = [];
    for (const file of facts.files) {
      const name = baseName(file.path);
      if (file.status === "removed") continue;
      if (name === "package.json") evidence.push(...npmChanges(file, facts));
      else if (MANIFESTS.has(name)) evidence.push(...lineChanges(name, file.path, facts.lines(file).added));
      const manifest = LOCKFILES.get(name);
      if (manifest && !facts.files.some((f) => locks(file.path, manifest, f.path)))
        evidence.push({ file: file.path, what: `lockfile changed without ${manifest}` });
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: countStrength(evidence.length, 0.25),
      detail: `${plural(evidence.length, "dependency change")}: ${places(evidence)}`,
      evidence,
    };
  },
});

/**
 * Whether a changed manifest is one the lockfile locks: in its folder or below it. A workspace root's lockfile locks
 * its members too, so a release that bumps only the members' package.json moves the root lockfile with them.
 */
function locks(lockfile: string, manifest: string, changed: string): boolean {
  const dir = dirName(lockfile);
  return baseName(changed) === manifest && (dir === "" || changed.startsWith(`${dir}/`));
}

function npmChanges(file: ChangedFile, facts: RiskFacts): Evidence[] {
  const texts = facts.texts.get(file.path);
  const head = parseManifest(texts?.head);
  if (head === undefined)
    return texts?.head === undefined
      ? []
      : [{ file: file.path, what: "not valid JSON: its dependencies could not be compared" }];
  const base = parseManifest(texts?.base);
  const evidence: Evidence[] = [];
  for (const section of NPM_SECTIONS) {
    const before = base?.[section] ?? {};
    for (const [dep, version] of Object.entries(head[section])) {
      const old = Object.hasOwn(before, dep) ? before[dep] : undefined;
      // One of the repository's own packages: its version moves with a release, its code is judged as the change's.
      if (old === version || facts.workspacePackages.has(dep)) continue;
      evidence.push({
        file: file.path,
        line: lineOf(texts?.head ?? "", dep),
        what: old === undefined ? `new ${dep}@${String(version)}` : `${dep} ${String(old)} → ${String(version)}`,
      });
    }
  }
  return evidence;
}

/** package.json as its dependency sections; text that is not a JSON object is no manifest at all. */
function parseManifest(text: string | undefined): NpmManifest | undefined {
  const parsed = npmManifest.safeParse(parseJsonOrUndefined(text));
  return parsed.success ? parsed.data : undefined;
}

/** Manifests other than package.json: the dependency lines the patch adds. */
const LINE_PATTERNS: ReadonlyMap<string, RegExp> = new Map([
  ["requirements.txt", /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[.*\])?\s*(?:[=<>!~]=?|$)/],
  ["pyproject.toml", /^\s*"?([A-Za-z0-9][\w.-]*)\s*(?:[=<>!~^]=?|"\s*=\s*")/],
  ["go.mod", /^\s*(?:require\s+)?([\w.-]+\.[\w.-]+\/[\w./-]+)\s+v\d/],
  ["Cargo.toml", /^\s*([A-Za-z0-9_-]+)\s*=\s*(?:"[\d^~*<>=.]|\{)/],
  ["pom.xml", /<artifactId>\s*([^<]+?)\s*<\/artifactId>/],
  ["build.gradle", /^\s*(?:implementation|api|compile|runtimeOnly|testImplementation)\s*\(?\s*["']([^"':]+:[^"':]+)/],
  ["Gemfile", /^\s*gem\s+["']([^"']+)["']/],
]);

function lineChanges(name: string, path: string, added: readonly PatchLine[]): Evidence[] {
  const pattern = LINE_PATTERNS.get(name);
  if (!pattern) return [];
  return added.flatMap(({ line, text }) => {
    if (/^\s*(#|\/\/)/.test(text)) return [];
    const match = pattern.exec(text);
    return match?.[1] ? [{ file: path, line, what: `adds or changes ${match[1]}` }] : [];
  });
}

function lineOf(text: string, dependency: string): number | undefined {
  const at = text.indexOf(`"${dependency}"`);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}
