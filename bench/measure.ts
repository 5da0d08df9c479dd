import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface Measurement {
  readonly label: string;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const TIME = "/usr/bin/time";

/** Runs a command once and reports wall time and peak RSS (from GNU time when the machine has it). */
export function measure(
  label: string,
  command: string,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Measurement {
  const withTime = existsSync(TIME);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    withTime ? TIME : command,
    withTime ? ["-f", "MAESTRO_BENCH %e %M", command, ...args] : [...args],
    {
      cwd,
      env: { ...process.env, ...env },
      encoding: "utf8",
      maxBuffer: 1 << 30,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const timeLine = /MAESTRO_BENCH ([\d.]+) (\d+)/.exec(run.stderr ?? "");
  const peakRssMb = timeLine ? Number(timeLine[2]) / 1024 : Number.NaN;
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(`${label} exited ${run.status}: ${(run.stderr ?? "").slice(-2000)}\n`);
  }
  return { label, seconds, peakRssMb, stdout: run.stdout ?? "", stderr: run.stderr ?? "", exitCode: run.status ?? -1 };
}
