import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { depcruiseWorkspaceConfig } from "./depcruise-workspace-config.js";
import { floorCheck } from "./floor-check.js";
import { measure, type Measurement } from "./measure.js";
import { parse, reportFindings } from "./monorepo-findings.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const maestroBin = join(root, "dist/src/cli/main.js");
const depcruiseBin = join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
/** eclipse-theia/theia's history, as a git bundle beside the project; `--monorepo` names another source. */
const THEIA = join(root, "../shared/data/theia.bundle");
/** Whole-repository runs (cold, `--all`, dependency-cruiser) take the median of this many, interleaved. */
const WHOLE_RUNS = 3;
/** Warm runs take the median of this many, each beside a run of the process floor. */
const WARM_RUNS = 5;
/** Issue 13's targets: how many times faster than dependency-cruiser's full run. */
const TARGETS = { warm: 20, cold: 4, all: 3 } as const;

/**
 * The one-file change, as an agent would write it: the file navigator takes the terminal service, an import from a
 * package the navigator's module does not use today (theia's own layering keeps them apart).
 */
const CHANGE = {
  file: "packages/navigator/src/browser/navigator-contribution.ts",
  edits: [
    {
      after: "import { WorkspacePreferences } from '@theia/workspace/lib/common';\n",
      insert: "import { TerminalService } from '@theia/terminal/lib/browser/base/terminal-service';\n",
    },
    {
      before: "    @inject(ClipboardService)\n",
      insert:
        "    @inject(TerminalService) @optional()\n    protected readonly terminalService: TerminalService | undefined;\n\n",
    },
  ],
  from: "navigator",
  to: "terminal",
} as const;

/**
 * Issue 13's monorepo row on a real workspaces monorepo: clones `source` (eclipse-theia/theia by default) into a
 * temporary folder, so the source is never touched; commits a score written by `maestro init` on a scratch branch
 * (the base) and a one-file change over it (the head); then times `maestro check` on the change cold and warm,
 * `maestro check --all` at the base, and dependency-cruiser's full run over the same sources at the head.
 */
export function reportMonorepo(source = THEIA): void {
  console.log(
    `\nA real monorepo (issue 13's row: one-file change warm / cold / --all vs dependency-cruiser's full run):`,
  );
  if (!existsSync(source) && !/^[a-z]+:\/\//.test(source)) {
    console.log(`  NOT RUN: no ${source}; pass --monorepo with a clone of eclipse-theia/theia (or its URL)`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), "maestro-bench-monorepo-"));
  try {
    benchIn(source, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function benchIn(source: string, work: string): void {
  const repo = join(work, "repo");
  const cacheDir = join(work, "cache");
  execFileSync("git", ["clone", "-q", source, repo], { stdio: "inherit" });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@localhost", ...args], {
      cwd: repo,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    }).trim();
  const commit = git("log", "-1", "--format=%H %s");
  const files = git("ls-files").split("\n").length;
  const init = measure("maestro init", process.execPath, [maestroBin, "init", "--force"], repo);
  if (init.exitCode !== 0) throw new Error(`maestro init failed (exit ${init.exitCode}): ${init.stderr.slice(-2000)}`);
  git("switch", "-q", "-c", "maestro-bench");
  git("add", ".github/maestro.yml");
  git("commit", "-q", "-m", "A score written by maestro init");
  const base = git("rev-parse", "HEAD");
  writeChange(repo);
  git("commit", "-q", "-a", "-m", `${CHANGE.from} uses ${CHANGE.to}`);
  const head = git("rev-parse", "HEAD");

  const check = (label: string, ...args: string[]) =>
    measure(
      label,
      process.execPath,
      [maestroBin, "check", "--format", "json", "--cache-dir", cacheDir, ...args],
      repo,
      { MAESTRO_STATS: "1" },
    );
  const clear = () => rmSync(cacheDir, { recursive: true, force: true });
  const cruiser = depcruiseWorkspaceConfig(repo, join(work, "depcruise"));
  const cold: Measurement[] = [];
  const all: Measurement[] = [];
  const cruise: Measurement[] = [];
  for (let i = 0; i < WHOLE_RUNS; i++) {
    clear();
    cold.push(check("one-file change, cold", "--base", base, "--head", head));
    clear();
    all.push(check("maestro check --all at the base", "--all", "--head", base));
    cruise.push(
      measure(
        "dependency-cruiser, whole repo at the head",
        process.execPath,
        [depcruiseBin, ...cruiser.folders, "--config", cruiser.config, "--output-type", "json"],
        repo,
      ),
    );
  }
  clear();
  check("one-file change, fills the cache", "--base", base, "--head", head);
  const floor = floorCheck(maestroBin);
  const floors: Measurement[] = [];
  const warm: Measurement[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    floors.push(floor.run());
    warm.push(check("one-file change, warm", "--base", base, "--head", head));
  }
  floor.remove();
  const graph = measure("maestro graph at the head", process.execPath, [maestroBin, "graph", "--format", "dot"], repo);

  const m = {
    cold: median(cold),
    warm: median(warm),
    all: median(all),
    cruise: median(cruise),
    floor: median(floors),
  };
  console.log(
    `  ${commit.slice(0, 12)} "${commit.slice(41)}": ${cruiser.packages} workspace packages, ${files.toLocaleString("en")} files; the change: ${CHANGE.file} imports @theia/${CHANGE.to}`,
  );
  const row = (x: Measurement, note = "") =>
    console.log(
      `  ${x.label.padEnd(44)} ${x.seconds.toFixed(2).padStart(7)} s ${x.peakRssMb.toFixed(0).padStart(6)} MB  exit ${x.exitCode}${note}`,
    );
  row(init);
  row(m.cold, `  (median of ${WHOLE_RUNS}: ${seconds(cold)})`);
  row(m.warm, `  (median of ${WARM_RUNS}: ${seconds(warm)})`);
  row(m.all, `  (median of ${WHOLE_RUNS}: ${seconds(all)})`);
  row(m.cruise, `  (median of ${WHOLE_RUNS}: ${seconds(cruise)})`);
  row(m.floor, `  (beside the warm runs: ${seconds(floors)})`);
  console.log(`  warm above the floor: ${(m.warm.seconds - m.floor.seconds).toFixed(2)} s`);
  console.log(`  maestro stats: cold ${stats(m.cold)}; warm ${stats(m.warm)}`);
  reportFindings(m.cold, m.warm, m.all, m.cruise, graph, cruiser, CHANGE);

  const ratio = (x: Measurement) => m.cruise.seconds / x.seconds;
  const against = (name: keyof typeof TARGETS, x: Measurement) =>
    `${name === "all" ? "--all" : name} ${ratio(x).toFixed(1)}× (target ≥ ${TARGETS[name]}×: ${ratio(x) >= TARGETS[name] ? "met" : "MISSED"})`;
  // Maestro exits 1 on a blocking verdict; anything else, or dependency-cruiser not answering in JSON, is a failure.
  const failed = [
    ...[...cold, ...warm, ...all, ...floors].filter((x) => x.exitCode !== 0 && x.exitCode !== 1),
    ...cruise.filter((x) => x.exitCode !== 0 || parse(x.stdout) === undefined),
  ];
  for (const x of failed) console.log(`  FAILED: ${x.label} (exit ${x.exitCode}): ${x.stderr.slice(-500)}`);
  console.log(
    failed.length === 0
      ? `  faster than dependency-cruiser's full run: ${against("warm", m.warm)}, ${against("cold", m.cold)}, ${against("all", m.all)}`
      : `  NO RATIO: ${failed.length} run(s) failed`,
  );
  console.log(`\n| warm | cold | \`--all\` | dependency-cruiser | floor | warm vs dc | cold vs dc | \`--all\` vs dc |`);
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  const s = (x: Measurement) => `${x.seconds.toFixed(2)} s`;
  const r = (x: Measurement) => `${ratio(x).toFixed(1)}×`;
  console.log(
    `| ${s(m.warm)} | ${s(m.cold)} | ${s(m.all)} | ${s(m.cruise)} | ${s(m.floor)} | ${r(m.warm)} | ${r(m.cold)} | ${r(m.all)} |`,
  );
}

/** Writes the one-file change, or says why it cannot: it is written for eclipse-theia/theia. */
function writeChange(repo: string): void {
  const path = join(repo, CHANGE.file);
  if (!existsSync(path)) throw new Error(`the one-file change is written for eclipse-theia/theia: no ${CHANGE.file}`);
  let text = readFileSync(path, "utf8");
  for (const edit of CHANGE.edits) {
    const anchor = "after" in edit ? edit.after : edit.before;
    if (!text.includes(anchor))
      throw new Error(
        `the one-file change is written for eclipse-theia/theia: ${CHANGE.file} has no ${JSON.stringify(anchor)}`,
      );
    text = text.replace(anchor, "after" in edit ? anchor + edit.insert : edit.insert + anchor);
  }
  writeFileSync(path, text);
}

function median(runs: readonly Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measurement;
}

function seconds(runs: readonly Measurement[]): string {
  return runs.map((x) => x.seconds.toFixed(2)).join(", ");
}

function stats(x: Measurement): string {
  return /maestro stats: (.*)/.exec(x.stderr)?.[1] ?? "?";
}
