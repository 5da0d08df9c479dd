import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  checkConformance,
  countModuleEdges,
  createModuleMap,
  type CommitGraph,
  type GraphCache,
} from "../analyse/conformance/index.js";
import { openGitChange } from "../gather/git/git-change.js";
import { gitCommonDir } from "./git-common-dir.js";
import { architectureDot } from "../report/architecture/architecture-dot.js";
import { architectureMermaid } from "../report/architecture/architecture-mermaid.js";
import { architectureOf, edgeKind, type Architecture } from "../report/architecture/architecture-of.js";
import { architectureSvg } from "../report/architecture/architecture-svg.js";
import { formatScoreProblem } from "../score/score-problem.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";
import { createDiskGraphCache } from "./disk-graph-cache.js";
import { loadScore } from "./load-score.js";

const DRAWERS = { mermaid: architectureMermaid, dot: architectureDot, svg: architectureSvg } as const;
type GraphFormat = keyof typeof DRAWERS;

export const GRAPH_USAGE = `maestro graph [--repo DIR] [--score FILE] [--format mermaid|dot|svg] [--out FILE]
  Draws the score's modules and the module edges at HEAD, each labelled with its number of imports:
  violations red, cycles orange, modules with no may_use dashed. Mermaid by default; dot for
  Graphviz; svg needs neither a browser nor Graphviz. --out writes it to FILE instead of stdout.
  Exit 0, or 2 on an invalid score or a usage error.`;

/** The whole architecture as a picture: HEAD judged as \`check --all\` judges it, so today's violations are red. */
export async function graphCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      repo: { type: "string" },
      score: { type: "string" },
      format: { type: "string", default: "mermaid" },
      out: { type: "string" },
    },
  });
  const format = values.format as GraphFormat;
  if (!Object.hasOwn(DRAWERS, format))
    throw new UsageError(`--format must be one of ${Object.keys(DRAWERS).join(", ")} (got "${values.format}")`);

  const repoDir = resolve(io.cwd, values.repo ?? ".");
  const change = await openGitChange({ repoDir, base: "HEAD" });
  const { parsed } = await loadScore(change, "head", repoDir, values.score, io.cwd);
  for (const problem of parsed.problems) io.stderr(`${formatScoreProblem(problem)}\n`);
  if (!parsed.ok) {
    io.stderr(`Invalid score: fix the errors above (\`maestro validate\` checks the file alone).\n`);
    return EXIT.usage;
  }
  const score = parsed.score;

  const watched = watchHead(createDiskGraphCache(join(await gitCommonDir(repoDir), "maestro")));
  const result = await checkConformance({ score, change, scope: "all", cache: watched.cache });
  const head = watched.seen();
  // The check reads the head's imports through the cache; had it not, the counts would be guessed, so say so.
  if (!head)
    throw new Error("the head's import graph was not read through the graph cache: its edges cannot be counted");
  const counts = countModuleEdges(head.imports, {
    map: createModuleMap(score),
    includeTypeImports: score.rules.type_imports === "check",
  });
  const architecture = architectureOf(score.modules, counts, result.violations);
  tellWhatIsNotDrawn(architecture, result.notes, io);

  const picture = DRAWERS[format](architecture);
  if (values.out === undefined) {
    io.stdout(picture);
    return EXIT.pass;
  }
  const path = resolve(io.cwd, values.out);
  await mkdir(dirname(path), { recursive: true })
    .then(() => writeFile(path, picture))
    .catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write ${values.out}: ${error.code ?? error.message}`);
    });
  io.stdout(`${values.out}: ${summary(architecture)}\n`);
  return EXIT.pass;
}

/** A graph cache that keeps in hand the commit graph read or built through it: with scope all, the head's. */
function watchHead(cache: GraphCache): { cache: GraphCache; seen: () => CommitGraph | undefined } {
  let seen: CommitGraph | undefined;
  return {
    cache: {
      ...cache,
      get: async (key) => {
        const graph = await cache.get(key);
        if (graph) seen = graph;
        return graph;
      },
      set: async (key, graph) => {
        seen = graph;
        await cache.set(key, graph);
      },
    },
    seen: () => seen,
  };
}

/** Fail closed: a file not read whole, or a violation no edge shows, is said rather than left out of the picture. */
function tellWhatIsNotDrawn(
  architecture: Architecture,
  notes: readonly { unjudged: boolean; message: string }[],
  io: CliIo,
) {
  const unread = notes.filter((n) => n.unjudged);
  if (unread.length > 0) {
    io.stderr(`maestro graph: ${unread.length} file(s) not read whole, so edges may be missing:\n`);
    for (const note of unread) io.stderr(`  ${note.message}\n`);
  }
  const off = architecture.offEdge;
  if (off.length > 0) {
    const rules = new Map<string, number>();
    for (const v of off) rules.set(v.rule, (rules.get(v.rule) ?? 0) + 1);
    const named = [...rules].map(([rule, n]) => `${n} ${rule}`).join(", ");
    io.stderr(
      `maestro graph: ${off.length} violation(s) on no edge between modules (${named}) are not drawn: \`maestro check --all\` lists them\n`,
    );
  }
}

function summary(architecture: Architecture): string {
  const kinds = architecture.edges.map(edgeKind);
  const violating = kinds.filter((k) => k === "violation").length;
  const cycle = kinds.filter((k) => k === "cycle").length;
  return `${architecture.modules.length} modules, ${architecture.edges.length} edges (${violating} red: violations; ${cycle} orange: cycles)`;
}
