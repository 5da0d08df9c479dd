import { cpus, totalmem, tmpdir, type as osType, release } from "node:os";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateRepo } from "./generate-repo.js";
import { benchApp } from "./app-bench.js";
import { benchContention } from "./contention-bench.js";
import { timeStages } from "./in-process.js";
import { timeReader } from "./reader-bench.js";
import { measure, type Measurement } from "./measure.js";

/**
 * `npm run bench`: Maestro against dependency-cruiser on the same generated repositories, in the
 * same run, so the ratios hold on a shared, noisy machine. Sizes: `--sizes 1000,10000,50000`.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const maestroBin = join(root, "dist/src/cli/main.js");
const depcruiseBin = join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const sizesArg = process.argv.indexOf("--sizes");
const sizes = (sizesArg > 0 ? (process.argv[sizesArg + 1] ?? "") : "1000,10000,50000")
  .split(",")
  .filter(Boolean)
  .map(Number);
const WITH_DEPCRUISE_UP_TO = 10_000;
/** `--only sizes`, `--only app` or `--only orchestra` runs one part of the benchmark. */
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const runs = (part: "sizes" | "app" | "orchestra") => only === undefined || only === part;

console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, node ${process.version}`,
);

for (const size of runs("sizes") ? sizes : []) {
  const dir = join(tmpdir(), `maestro-bench-${size}`);
  const repo = generateRepo(dir, size, 100);
  const check = (label: string, ...args: string[]) =>
    measure(label, process.execPath, [maestroBin, "check", "--format", "json", ...args], dir);
  rmSync(join(dir, ".git", "maestro"), { recursive: true, force: true });
  const cold = check("maestro check (change, cold)", "--base", repo.base, "--head", repo.head);
  const warm = check("maestro check (change, base graph cached)", "--base", repo.base, "--head", repo.head);
  rmSync(join(dir, ".git", "maestro"), { recursive: true, force: true });
  const all = check("maestro check --all", "--all", "--head", repo.head);
  const rows: Measurement[] = [cold, warm, all];
  let cruise: Measurement | undefined;
  if (size <= WITH_DEPCRUISE_UP_TO) {
    cruise = measure(
      "dependency-cruiser (whole repo)",
      process.execPath,
      [depcruiseBin, "src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
      dir,
    );
    rows.push(cruise);
  }

  console.log(`\n${size} files, change of 100 files`);
  for (const m of rows)
    console.log(
      `  ${m.label.padEnd(44)} ${m.seconds.toFixed(2).padStart(7)} s ${m.peakRssMb.toFixed(0).padStart(6)} MB  exit ${m.exitCode}`,
    );
  const allViolations = boundaryPairs(all.stdout);
  console.log(
    `  change verdict: ${verdictOf(cold.stdout)} (${violationCount(cold.stdout)} violations); cached run agrees: ${verdictOf(warm.stdout) === verdictOf(cold.stdout)}`,
  );
  if (cruise) {
    const cruisePairs = depcruisePairs(cruise.stdout);
    const same = allViolations.size === cruisePairs.size && [...allViolations].every((p) => cruisePairs.has(p));
    console.log(
      `  ratios vs dependency-cruiser: change cached ${(cruise.seconds / warm.seconds).toFixed(1)}x faster, change cold ${(cruise.seconds / cold.seconds).toFixed(1)}x, --all ${(cruise.seconds / all.seconds).toFixed(1)}x`,
    );
    console.log(
      `  same violations as dependency-cruiser: ${same ? "yes" : "NO"} (maestro ${allViolations.size}, dependency-cruiser ${cruisePairs.size})`,
    );
  }
  const stages = await timeStages(dir, repo.base, repo.head);
  console.log(
    `  in-process, base graph cached: conformance alone ${ms(stages.conformance)}, risk alone ${ms(stages.risk)}, whole verdict ${ms(stages.verdict)}: risk adds ${(((stages.verdict - stages.conformance) / stages.conformance) * 100).toFixed(0)}% to conformance (they share the diff)`,
  );
  const reader = await timeReader(dir, repo.base, repo.head);
  console.log(
    `  second reader (a local model that answers at once, so the time is Maestro's own): cold adds ${ms(reader.cold - reader.off)} around ${reader.coldRequests / 5} call per review; cached adds ${ms(reader.warm - reader.off)} and ${reader.warmRequests} requests (verdict ${ms(reader.off)} without the reader)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

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
