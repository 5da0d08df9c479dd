import { spawnSync } from "node:child_process";

export type ProgramCheck = { readonly skip: false } | { readonly skip: true; readonly reason: string };

/**
 * Whether a test that needs an outside program (redis-server) can run here. On a developer's
 * machine without it, the test is skipped with the reason and the command that installs it (the
 * count reporter prints both at the end of the run). In CI (`CI` set) it is never skipped: the test
 * runs and fails, so a CI image that lost the program turns red instead of passing quietly.
 */
export function needsProgram(program: string, install: string, env: NodeJS.ProcessEnv = process.env): ProgramCheck {
  const started = spawnSync(program, ["--version"], { stdio: "ignore", timeout: 10_000, env });
  const missing = (started.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
  if (!missing || inCi(env)) return { skip: false };
  return { skip: true, reason: `${program} is not on PATH; install it with ${install}, then run npm test again` };
}

/** CI services set `CI` (GitHub Actions, GitLab, CircleCI: `true`); `CI=false` or `CI=0` opts out. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "false" && value !== "0";
}
