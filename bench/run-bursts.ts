import { availableParallelism, cpus, totalmem } from "node:os";
import { pathToFileURL } from "node:url";
import { benchBursts } from "./burst-bench.js";

/**
 * `node dist/bench/run-bursts.js [--heavy-mb 150]` (the files' MB: a fifth sources, the rest incompressible): the app's burst, storm and memory figures beside issue 13's
 * targets, on the built server against the GitHub emulator.
 */
/** The burst, storm and memory figures, printed beside their targets (`npm run bench` calls it too). */
export async function reportBursts(heavyMb = 150): Promise<void> {
  const f = await benchBursts({ heavyMb });
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const late = f.burst.map((ms, k) => ms - (k + 1) * 1000).filter((over) => over > 0);
  console.log(`\nburst of ${f.burst.length} PRs: in_progress after`);
  console.log(
    `  first ${s(f.burst[0] ?? Number.NaN)} (target ≤ 1 s), median ${s(f.burst[Math.floor(f.burst.length / 2)] ?? Number.NaN)}, last ${s(f.burst.at(-1) ?? Number.NaN)} (target: the k-th ≤ k s): ${late.length === 0 ? "every k-th within k s" : `${late.length} later than k s`}`,
  );
  console.log(`  each: ${f.burst.map((ms) => (ms / 1000).toFixed(1)).join(" ")}`);
  console.log(
    `storm of ${f.storm.pushes} pushes to one PR in 2 s: verdict ${s(f.storm.verdictMs)} after the last push (target ≤ 5 s); ${f.storm.fetchedHeads} of ${f.storm.pushes} heads fetched (target ≤ 3); ${f.storm.leftInProgress} check runs left in_progress (target 0)`,
  );
  if ("skipped" in f.redis) console.log(`two replicas through Redis: not run (${f.redis.skipped})`);
  else {
    const r = f.redis;
    const rLate = r.burst.map((ms, k) => ms - (k + 1) * 1000).filter((over) => over > 0);
    console.log(
      `two replicas through Redis, the webhooks to one: burst in_progress first ${s(r.burst[0] ?? Number.NaN)}, median ${s(r.burst[Math.floor(r.burst.length / 2)] ?? Number.NaN)}, last ${s(r.burst.at(-1) ?? Number.NaN)}: ${rLate.length === 0 ? "every k-th within k s" : `${rLate.length} later than k s`}`,
    );
    console.log(
      `  storm, the pushes to each replica in turn: verdict ${s(r.storm.verdictMs)} after the last push; ${r.storm.fetchedHeads} of ${r.storm.pushes} heads fetched; ${r.storm.leftInProgress} check runs left in_progress`,
    );
  }
  const m = f.memory;
  console.log(
    `memory, a ${m.tarballMb.toFixed(0)} MB tarball, ${m.reviews} reviews: RSS idle ${m.idleMb.toFixed(0)} MB, peak ${m.peakMb.toFixed(0)} MB, after the reviews ${m.afterReviewsMb.toFixed(0)} MB (target ≤ 300 MB), 5 s later ${m.settledMb.toFixed(0)} MB, 15 s later ${m.quietMb.toFixed(0)} MB (target: back near idle)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const heavyArg = process.argv.indexOf("--heavy-mb");
  console.log(
    `machine: ${cpus()[0]?.model ?? "?"} × ${availableParallelism()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  await reportBursts(heavyArg > 0 ? Number(process.argv[heavyArg + 1]) : 150);
}
