import type { CheckRun, GitHubEmulator } from "../e2e/github-emulator.js";

/** One write to a check run, as Maestro sent it: creating the run or updating it. */
export interface CheckRunWrite {
  readonly runId: number;
  readonly status?: string;
  readonly conclusion?: string;
  readonly title?: string;
}

/** The emulator's one place where a create or an update lands (private to it: GitHub keeps no such history). */
type Applies = { applyCheckUpdate(run: CheckRun, input: Record<string, unknown>): void };

/**
 * Every write to the emulator's check runs from now on, oldest first. GitHub, and the emulator, show only a run's last
 * state; what a PR showed on the way (`in_progress` while the model reads) and how many times a run was completed
 * need each write.
 */
export function recordCheckRunWrites(github: GitHubEmulator): CheckRunWrite[] {
  const writes: CheckRunWrite[] = [];
  const emulator = github as unknown as Applies;
  const apply = emulator.applyCheckUpdate.bind(github);
  emulator.applyCheckUpdate = (run, input) => {
    const output = input.output as { title?: string } | undefined;
    writes.push({
      runId: run.id,
      ...(typeof input.status === "string" ? { status: input.status } : {}),
      ...(typeof input.conclusion === "string" ? { conclusion: input.conclusion } : {}),
      ...(output?.title !== undefined ? { title: output.title } : {}),
    });
    apply(run, input);
  };
  return writes;
}

/** The writes to one run. */
export function writesTo(writes: readonly CheckRunWrite[], run: CheckRun | undefined): CheckRunWrite[] {
  return writes.filter((w) => w.runId === run?.id);
}
