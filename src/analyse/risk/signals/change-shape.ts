import { countStrength, places, plural, type SignalDefinition } from "../risk-facts.js";

/** Lines changed (added + removed) in judged files, stepped: big changes hide things. */
const SIZE_STEPS: readonly [number, number][] = [
  [2000, 1],
  [1000, 0.75],
  [500, 0.5],
  [250, 0.25],
  [100, 0.125],
];

export const size: SignalDefinition = {
  id: "size",
  points: 40,
  evaluate({ files, map }) {
    const judged = files.filter((f) => !f.binary && !map.isIgnored(f.path));
    const lines = judged.reduce((sum, f) => sum + f.additions + f.deletions, 0);
    const strength = SIZE_STEPS.find(([from]) => lines >= from)?.[1] ?? 0;
    if (strength === 0) return undefined;
    return { strength, detail: `${plural(lines, "line")} changed in ${plural(judged.length, "file")}`, evidence: [] };
  },
};

/** Modules touched: a change across the architecture is harder to review than one inside a module. */
export const breadth: SignalDefinition = {
  id: "breadth",
  points: 30,
  evaluate({ files, map }) {
    const modules = new Set<string>();
    for (const f of files) {
      if (map.isIgnored(f.path)) continue;
      for (const path of [f.path, f.previousPath]) {
        const module = path ? map.moduleOf(path) : undefined;
        if (module) modules.add(module.name);
      }
    }
    if (modules.size < 2) return undefined;
    return { strength: countStrength(modules.size - 1, 0.2), detail: `touches ${plural(modules.size, "module")}: ${[...modules].sort().join(", ")}`, evidence: [] };
  },
};

export const binary: SignalDefinition = {
  id: "binary",
  points: 15,
  evaluate({ files }) {
    const added = files.filter((f) => f.binary && f.status !== "removed");
    if (added.length === 0) return undefined;
    const evidence = added.map((f) => ({ file: f.path, what: f.status === "added" ? "added" : "changed" }));
    return { strength: countStrength(added.length, 0.34), detail: `${plural(added.length, "binary file")}: ${places(evidence)}`, evidence };
  },
};
