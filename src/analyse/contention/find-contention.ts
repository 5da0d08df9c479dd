import type { Overlap } from "../../checks/risk-facts.js";
import type { Change, Side } from "../../gather/change.js";
import type { Score } from "../../score/score-schema.js";
import { createModuleMap, isSourceFile, openSide, readImports, type ModuleMap } from "../conformance/index.js";
import type { Contention, Orchestra } from "./contention-schema.js";
import { mergeOrder } from "./merge-order.js";
import type { OpenPull, OtherPulls } from "./other-pulls-schema.js";

export interface ContentionInput {
  readonly score: Score;
  readonly change: Change;
  readonly others: OtherPulls;
  /** The PR under review, left out of `others` if the adapter listed it; absent in a CLI run. */
  readonly pullNumber?: number;
  /** Who plays another PR: its part's name or login, and whether it is a human's (review asks the score's `agents:`). */
  readonly playerOf: (pull: OpenPull) => { readonly agent: string; readonly human: boolean };
}

export interface ContentionResult {
  /** The overlapping PRs, strong first, then by shared files, then by number. */
  readonly contention: Contention[];
  readonly orchestra: Orchestra;
  /** The same overlaps as the `contention` signal weighs them, each with the file of this change it annotates. */
  readonly overlaps: Overlap[];
}

/** A verdict names at most this many shared files per PR: enough to rebase by, small enough for a comment. */
export const MAX_FILES_PER_ENTRY = 20;

/**
 * The most files of other PRs whose imports one review reads (at base: the core has no other PR's head). Past it, a
 * PR is compared by files and modules only, and named as compared in part.
 */
export const MAX_IMPORTERS_READ = 400;

/** One PR as the comparison sees it. */
interface Player {
  readonly pr: number;
  readonly paths: ReadonlySet<string>;
  /** Paths in order, for a stable first file. */
  readonly ordered: readonly string[];
  readonly files: number;
  readonly modules: ReadonlySet<string>;
  /** Module → the first of its `public` files this PR changes (only modules that declare `public`). */
  readonly publicOf: ReadonlyMap<string, string>;
  /** Module → the first file of this PR that imports it from outside it. */
  importers: Map<string, string>;
}

/**
 * SPEC §8 contention: the PR under review against each other open PR on its base. The same file is a strong overlap;
 * the same module a weak one (files in no module, or ignored, make none); a module's public file changed by one while
 * the other's changed files import that module is a strong one (the API moves under it). This PR's imports are read
 * at head; another PR's at base, since the core has only its file list: a file it adds is not read.
 */
export async function findContention(input: ContentionInput): Promise<ContentionResult> {
  const { score, change, others } = input;
  const map = createModuleMap(score);
  const changed = await change.files();
  const me = player(
    map,
    input.pullNumber ?? 0,
    changed.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])),
  );
  const listed = others.pulls.filter((p) => p.number !== input.pullNumber);
  const read = listed.filter((p): p is OpenPull & { files: string[] } => p.files !== undefined);
  const players = new Map<OpenPull, Player>(read.map((p) => [p, player(map, p.number, p.files)]));
  const partial = new Set(read.filter((p) => !p.filesComplete).map((p) => p.number));

  // Imports are read only when some PR changes a public file: otherwise no API can move.
  const moving = new Set([me, ...players.values()].flatMap((p) => [...p.publicOf.keys()]));
  if (moving.size > 0) {
    const mine = changed
      .filter((f) => f.status !== "removed")
      .map((f) => f.path)
      .sort();
    me.importers = importersIn(mine, await importsByFile(change, "head", map, mine, moving));
    const base = new Set(await change.tree("base"));
    const wanted = new Map<OpenPull, string[]>();
    const budget = new Set<string>();
    for (const [pull, p] of players) {
      const paths = p.ordered.filter((path) => base.has(path) && isSourceFile(path) && !map.isIgnored(path));
      const fresh = paths.filter((path) => !budget.has(path));
      if (budget.size + fresh.length > MAX_IMPORTERS_READ) {
        partial.add(pull.number);
        continue;
      }
      for (const path of fresh) budget.add(path);
      wanted.set(pull, paths);
    }
    const theirs = await importsByFile(change, "base", map, [...budget], moving);
    for (const [pull, paths] of wanted) (players.get(pull) as Player).importers = importersIn(paths, theirs);
  }

  const found: { pull: OpenPull; player: Player; entry: Contention; overlap: Overlap }[] = [];
  for (const [pull, p] of players) {
    const o = overlapOf(me, p);
    if (!o) continue;
    const { agent, human } = input.playerOf(pull);
    const files = o.files.slice(0, MAX_FILES_PER_ENTRY);
    const entry: Contention = {
      pr: pull.number,
      agent,
      author: pull.author,
      human,
      files,
      modules: o.modules,
      api: o.api,
      strength: o.strength,
      ...(pull.verdict ? { verdict: pull.verdict } : {}),
    };
    const at =
      o.files[0] ?? o.api.map((m) => me.publicOf.get(m) ?? me.importers.get(m))[0] ?? firstIn(me, map, o.modules);
    found.push({
      pull,
      player: p,
      entry,
      overlap: {
        pr: pull.number,
        agent,
        strength: o.strength,
        files,
        api: o.api,
        modules: o.modules,
        ...(at ? { at } : {}),
      },
    });
  }
  found.sort(
    (a, b) => rank(a.entry) - rank(b.entry) || b.entry.files.length - a.entry.files.length || a.entry.pr - b.entry.pr,
  );

  const all = [me, ...players.values()];
  const strong = (a: Player, b: Player) => overlapOf(a, b)?.strength === "strong";
  return {
    contention: found.map((f) => f.entry),
    overlaps: found.map((f) => f.overlap),
    orchestra: {
      base: others.base,
      modules: [...me.modules].sort(),
      compared: read.length,
      more: others.more,
      unread: listed.filter((p) => p.files === undefined).map((p) => p.number),
      partial: [...partial].sort((a, b) => a - b),
      mergeOrder: found.length === 0 ? [] : mergeOrder([me, ...found.map((f) => f.player)], all, strong),
    },
  };
}

function rank(entry: Contention): number {
  return entry.strength === "strong" ? 0 : 1;
}

function player(map: ModuleMap, pr: number, paths: readonly string[]): Player {
  const ordered = [...new Set(paths)].sort();
  const modules = new Set<string>();
  const publicOf = new Map<string, string>();
  for (const path of ordered) {
    if (map.isIgnored(path)) continue;
    const module = map.moduleOf(path);
    if (!module) continue;
    modules.add(module.name);
    if (module.public && map.isPublic(module, path) && !publicOf.has(module.name)) publicOf.set(module.name, path);
  }
  return { pr, paths: new Set(ordered), ordered, files: ordered.length, modules, publicOf, importers: new Map() };
}

interface Overlapping {
  readonly strength: "strong" | "weak";
  readonly files: string[];
  readonly modules: string[];
  readonly api: string[];
}

/** What two PRs share: files, modules, and the modules whose API one moves under the other's importers. */
function overlapOf(a: Player, b: Player): Overlapping | undefined {
  const files = a.ordered.filter((path) => b.paths.has(path));
  const modules = [...a.modules].filter((m) => b.modules.has(m)).sort();
  const api = [
    ...new Set([
      ...[...a.publicOf.keys()].filter((m) => b.importers.has(m)),
      ...[...b.publicOf.keys()].filter((m) => a.importers.has(m)),
    ]),
  ].sort();
  if (files.length === 0 && api.length === 0 && modules.length === 0) return undefined;
  return { strength: files.length > 0 || api.length > 0 ? "strong" : "weak", files, modules, api };
}

/** This change's first file in one of `modules`: where a module-only overlap is annotated. */
function firstIn(me: Player, map: ModuleMap, modules: readonly string[]): string | undefined {
  return me.ordered.find((path) => !map.isIgnored(path) && modules.includes(map.moduleOf(path)?.name ?? ""));
}

/**
 * Each of `paths` (read and resolved at one side) → the modules among `wanted` it imports, its own module aside. A file
 * that cannot be read imports nothing we know of: for this change its note is conformance's to give; for another
 * PR's file at base, its API overlap is simply not seen.
 */
async function importsByFile(
  change: Change,
  side: Side,
  map: ModuleMap,
  paths: readonly string[],
  wanted: ReadonlySet<string>,
): Promise<Map<string, Set<string>>> {
  const byFile = new Map<string, Set<string>>();
  const sources = paths.filter((path) => isSourceFile(path) && !map.isIgnored(path));
  if (sources.length === 0) return byFile;
  const view = await openSide(change, side);
  const { imports } = await readImports(
    change,
    view,
    sources.filter((path) => view.files.has(path)),
  );
  for (const [file, list] of imports) {
    const own = map.moduleOf(file)?.name;
    for (const imp of list) {
      const to = imp.target.kind === "file" ? map.moduleOf(imp.target.path)?.name : undefined;
      if (!to || to === own || !wanted.has(to)) continue;
      byFile.set(file, (byFile.get(file) ?? new Set<string>()).add(to));
    }
  }
  return byFile;
}

/** Module → the first of `paths` that imports it. */
function importersIn(paths: readonly string[], byFile: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string> {
  const first = new Map<string, string>();
  for (const path of paths)
    for (const module of byFile.get(path) ?? []) if (!first.has(module)) first.set(module, path);
  return first;
}
