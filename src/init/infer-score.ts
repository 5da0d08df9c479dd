import {
  buildModuleGraph,
  componentsOf,
  createModuleMap,
  isResolutionConfig,
  isSourceFile,
  openSide,
  readImports,
} from "../analyse/conformance/index.js";
import type { Change } from "../gather/change.js";
import { scoreSchema } from "../score/score-schema.js";
import { planModules, STARTER_IGNORE, type PlannedModule } from "./plan-modules.js";

export interface InferredModule extends PlannedModule {
  /** The modules its files import today. */
  readonly mayUse: readonly string[];
}

export interface InferredScore {
  readonly modules: readonly InferredModule[];
  readonly ignore: readonly string[];
  readonly protectedPaths: readonly string[];
  /** Module cycles in today's code: the starter score warns on cycles until they are broken. */
  readonly cycles: readonly (readonly string[])[];
}

/** The facts a starter score is written from: the head's folders and the imports between them today. */
export async function inferScore(change: Change): Promise<InferredScore> {
  const head = await openSide(change, "head");
  const configs = new Map<string, string>();
  for (const [path, content] of await change.read("head", head.tree.filter(isResolutionConfig)))
    if (content.kind === "text") configs.set(path, content.text);
  const planned = planModules(head.tree, configs);

  const score = scoreSchema.parse({
    version: 1,
    ignore: STARTER_IGNORE,
    modules: planned.map((m) => ({ name: m.name, paths: m.paths })),
  });
  const map = createModuleMap(score);
  const { imports } = await readImports(
    change,
    head,
    head.tree.filter((p) => isSourceFile(p) && !map.isIgnored(p)),
  );
  const graph = buildModuleGraph(imports, { map, includeTypeImports: true });
  const modules = planned.map((m) => ({ ...m, mayUse: [...(graph.get(m.name)?.keys() ?? [])].sort() }));

  const byComponent = new Map<number, string[]>();
  for (const [module, component] of componentsOf(graph))
    byComponent.set(component, [...(byComponent.get(component) ?? []), module]);
  const cycles = [...byComponent.values()].filter((members) => members.length > 1).map((members) => members.sort());

  const has = (pattern: RegExp) => head.tree.some((p) => pattern.test(p));
  const protectedPaths = [
    ".github/workflows/**",
    ...(has(/(^|\/)migrations\//) ? ["**/migrations/**"] : []),
    ...(has(/(^|\/)Dockerfile[^/]*$/) ? ["**/Dockerfile*"] : []),
    ...(has(/\.tf$/) ? ["**/*.tf"] : []),
    ...(has(/(^|\/)CODEOWNERS$/) ? ["**/CODEOWNERS"] : []),
  ];
  return { modules, ignore: STARTER_IGNORE, protectedPaths, cycles };
}
