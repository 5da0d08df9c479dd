import { cpus, totalmem, tmpdir, type as osType, release } from "node:os";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateRepo } from "./generate-repo.js";
import { benchApp } from "./app-bench.js";
import { benchContention } from "./contention-bench.js";
import { reportBursts } from "./run-bursts.js";
import { timeStages } from "./in-process.js";
import { timeReader } from "./reader-bench.js";
import { measure, type Measurement } from "./measure.js";
import { floorCheck } from "./floor-check.js";
import { reportMonorepo } from "./monorepo-bench.js";

/**
 * `npm run bench`: Maestro against dependency-cruiser on the same generated repositories, in the
 * same run, so the ratios hold on a shared, noisy machine. Sizes: `--sizes 1000,10000,50000`.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const maestroBin = join(root, "dist/src/cli/main.js");
const depcruiseBin = join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const sizesArg = process.argv.indexOf("--sizes");
const sizes = (sizesArg > 0 ? (process.argv[sizesArg + 1] ?? "") : "1000,10000,50000,100000")
  .split(",")
  .filter(Boolean)
  .map(Number);
/** dependency-cruiser overflows the stack at 20,000 files with its default settings. */
const WITH_DEPCRUISE_UP_TO = 10_000;
/** The in-process stages and the second reader are timed up to this size (they repeat each run five times). */
const IN_PROCESS_UP_TO = 10_000;
/** The changes each size is judged on: a small PR and a large one. */
const CHANGES = [5, 100] as const;
/** `--only sizes`, `--only monorepo`, `--only app`, `--only orchestra` or `--only bursts` runs one part of the benchmark. */
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const runs = (part: "sizes" | "monorepo" | "app" | "orchestra" | "bursts") => only === undefined || only === part;
/** `--monorepo SOURCE`: the workspaces monorepo to clone (a checkout, a bundle or a URL); eclipse-theia/theia's history by default. */
const monorepoArg = process.argv.indexOf("--monorepo");

console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, node ${process.version}`,
);

interface SizeRow {
  readonly size: number;
  readonly cold: Map<number, Measurement>;
  readonly warm: Map<number, Measurement>;
  readonly bump: Measurement;
  readonly bumpStats: string;
  readonly all: Measurement;
  readonly cruise?: Measurement;
  /** The process floor, measured between this size's warm runs: the load of a shared machine drifts. */
  readonly floor: Measurement;
}

if (runs("sizes")) {
  const floor = floorCheck(maestroBin);
  const table: SizeRow[] = [];
  for (const size of sizes) table.push(await checkSizes(size, floor.run));
  floor.remove();
  console.log(
    `\n| files | 5 files, cold | 5 files, warm | 100 files, cold | 100 files, warm | version bump, warm | \`--all\` | dependency-cruiser | 5 warm above floor | peak RSS (100 cold) |`,
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of table) {
    const s = (m: Measurement | undefined) => (m ? `${m.seconds.toFixed(2)} s` : "—");
    console.log(
      `| ${row.size.toLocaleString("en")} | ${s(row.cold.get(5))} | ${s(row.warm.get(5))} | ${s(row.cold.get(100))} | ${s(row.warm.get(100))} | ${s(row.bump)} | ${s(row.all)} | ${s(row.cruise)} | ${((row.warm.get(5)?.seconds ?? 0) - row.floor.seconds).toFixed(2)} s (floor ${row.floor.seconds.toFixed(2)} s) | ${(row.cold.get(100)?.peakRssMb ?? 0).toFixed(0)} MB |`,
    );
  }
}

function median(runs: Measurement[]): Measurement {
  return runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measurement;
}

/** One repository size: each change cold and warm, a version bump, `--all`, dependency-cruiser where it runs. */
async function checkSizes(size: number, floorRun: () => Measurement): Promise<SizeRow> {
  const dir = join(tmpdir(), `maestro-bench-${size}`);
  const cacheDir = join(tmpdir(), `maestro-bench-cache-${size}`);
  const repo = generateRepo(dir, size, CHANGES);
  const check = (label: string, env: Record<string, string>, ...args: string[]) =>
    measure(
      label,
      process.execPath,
      [maestroBin, "check", "--format", "json", "--cache-dir", cacheDir, ...args],
      dir,
      env,
    );
  const clear = () => rmSync(cacheDir, { recursive: true, force: true });
  const cold = new Map<number, Measurement>();
  const warm = new Map<number, Measurement>();
  const floors: Measurement[] = [];
  for (const files of CHANGES) {
    const head = repo.heads.get(files) as string;
    clear();
    cold.set(files, check(`${files}-file change, cold`, {}, "--base", repo.base, "--head", head));
    // The warm figure is the median of five, each beside a run of the floor: a shared machine's hiccup is not the
    // product's.
    const tries = [1, 2, 3, 4, 5].map(() => {
      floors.push(floorRun());
      return check(`${files}-file change, warm`, {}, "--base", repo.base, "--head", head);
    });
    warm.set(files, median(tries));
  }
  const floor = median(floors);
  const bump = check("version bump, warm", { MAESTRO_STATS: "1" }, "--base", repo.base, "--head", repo.versionBump);
  const bumpStats = /maestro stats: (.*)/.exec(bump.stderr)?.[1] ?? "?";
  clear();
  const all = check("maestro check --all", {}, "--all", "--head", repo.base);
  clear();
  let cruise: Measurement | undefined;
  if (size <= WITH_DEPCRUISE_UP_TO) {
    cruise = measure(
      "dependency-cruiser (whole repo)",
      process.execPath,
      [depcruiseBin, "src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
      dir,
    );
  }

  console.log(`\n${size} files (process floor beside its warm runs: ${floor.seconds.toFixed(2)} s)`);
  const rows = [...CHANGES.flatMap((n) => [cold.get(n), warm.get(n)]), bump, all, cruise];
  for (const m of rows)
    if (m)
      console.log(
        `  ${m.label.padEnd(44)} ${m.seconds.toFixed(2).padStart(7)} s ${m.peakRssMb.toFixed(0).padStart(6)} MB  exit ${m.exitCode}`,
      );
  const verdicts = CHANGES.map(
    (n) =>
      `${n} files: ${verdictOf(cold.get(n)?.stdout ?? "")} (${violationCount(cold.get(n)?.stdout ?? "")} violations), warm agrees: ${verdictOf(warm.get(n)?.stdout ?? "") === verdictOf(cold.get(n)?.stdout ?? "")}`,
  );
  console.log(`  verdicts: ${verdicts.join("; ")}`);
  console.log(`  version bump: ${verdictOf(bump.stdout)}, ${bumpStats}`);
  const allViolations = boundaryPairs(all.stdout);
  if (cruise) {
    const cruisePairs = depcruisePairs(cruise.stdout);
    const same = allViolations.size === cruisePairs.size && [...allViolations].every((p) => cruisePairs.has(p));
    const x = (m: Measurement | undefined) => ((cruise?.seconds ?? 0) / (m?.seconds ?? 1)).toFixed(1);
    console.log(
      `  ratios vs dependency-cruiser: 5-file warm ${x(warm.get(5))}x faster, 5-file cold ${x(cold.get(5))}x, 100-file warm ${x(warm.get(100))}x, 100-file cold ${x(cold.get(100))}x, --all ${x(all)}x`,
    );
    console.log(
      `  same violations as dependency-cruiser: ${same ? "yes" : "NO"} (maestro ${allViolations.size}, dependency-cruiser ${cruisePairs.size})`,
    );
  }
  if (size <= IN_PROCESS_UP_TO) {
    const head = repo.heads.get(100) as string;
    const stages = await timeStages(dir, repo.base, head);
    console.log(
      `  in-process, 100-file change, base graph cached: conformance alone ${ms(stages.conformance)}, risk alone ${ms(stages.risk)}, whole verdict ${ms(stages.verdict)}: risk adds ${(((stages.verdict - stages.conformance) / stages.conformance) * 100).toFixed(0)}% to conformance (they share the diff)`,
    );
    const reader = await timeReader(dir, repo.base, head);
    console.log(
      `  second reader (a local model that answers at once, so the time is Maestro's own): cold adds ${ms(reader.cold - reader.off)} around ${reader.coldRequests / 5} call per review; cached adds ${ms(reader.warm - reader.off)} and ${reader.warmRequests} requests (verdict ${ms(reader.off)} without the reader)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return { size, cold, warm, bump, bumpStats, all, floor, ...(cruise ? { cruise } : {}) };
}

if (runs("monorepo")) reportMonorepo(monorepoArg > 0 ? process.argv[monorepoArg + 1] : undefined);

if (runs("app")) {
  console.log("\nGitHub App against the emulator (one PR per size, the base cached after the first):");
  for (const f of await benchApp([10, 100, 1000])) {
    console.log(
      `  ${String(f.files).padStart(5)} files: webhook answered in ${f.webhookMs.toFixed(0)} ms, in_progress after ${f.inProgressMs} ms, verdict after ${f.completedMs} ms, ${f.requests} requests to GitHub (${f.conclusion})`,
    );
  }
}

if (runs("orchestra")) {
  const contention = await benchContention();
  const extra = (f: { off: number; on: number }) => f.on - f.off;
  const over = (value: number, limit: number) => (value > limit ? " OVER THE LIMIT" : "");
  const podium = contention.podium;
  console.log(
    `\nThe orchestra against the emulator (in-process, contention.enabled false then true on one repository):`,
  );
  console.log(
    `  contention: +${extra(contention.cold)} requests cold, +${extra(contention.warm)} warm for ${contention.others} open PRs (limit 3)${over(Math.max(extra(contention.cold), extra(contention.warm)), 3)}; a review makes ${contention.cold.off} cold and ${contention.warm.off} warm without it`,
  );
  console.log(
    `  podium: ${podium.inWindow} write for a burst of ${podium.reviews} reviews within one ${podium.debounceS} s window (limit 1)${over(podium.inWindow, 1)}${podium.afterWindow > 0 ? `, ${podium.afterWindow} more when it ended for the events that came in during it` : ""}`,
  );
}

if (runs("bursts")) {
  console.log(`\nBursts, a push storm and memory, the built server against the emulator (issue 13's targets):`);
  await reportBursts();
}

function ms(seconds: number): string {
  return `${(seconds * 1000).toFixed(0)} ms`;
}

function parse(stdout: string): {
  verdict?: string;
  violations?: { rule: string; file: string; specifier: string | null; to: string | null }[];
} {
  try {
    return JSON.parse(stdout);
  } catch {
    return {};
  }
}

function verdictOf(stdout: string): string {
  return parse(stdout).verdict ?? "none";
}

function violationCount(stdout: string): number {
  return parse(stdout).violations?.length ?? 0;
}

/** `from-file → to-file` for each boundary and forbidden-package violation. */
function boundaryPairs(stdout: string): Set<string> {
  const pairs = new Set<string>();
  for (const v of parse(stdout).violations ?? []) {
    if (v.rule === "boundary" && v.specifier) pairs.add(`${v.file} -> ${join(v.file, "..", v.specifier)}.ts`);
    if (v.rule === "forbidden-package") pairs.add(`${v.file} -> ${(v.specifier ?? "").replace(/^node:/, "")}`);
  }
  return pairs;
}

function depcruisePairs(stdout: string): Set<string> {
  const pairs = new Set<string>();
  const out = parse(stdout) as { summary?: { violations?: { from: string; to: string }[] } };
  for (const v of out.summary?.violations ?? []) pairs.add(`${v.from} -> ${v.to.replace(/^node:/, "")}`);
  return pairs;
}
