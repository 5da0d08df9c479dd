import type { ReconcileSettings } from "./schedule-reconcile.js";

export interface RecoverySettings {
  readonly reconcile: ReconcileSettings;
  /** How long a SIGTERM waits for running reviews before the process exits. */
  readonly shutdownGraceSeconds: number;
}

/**
 * Crash recovery and shutdown, from the environment. A value that is not a number is refused at
 * start-up with the variable's name, rather than read as 0 and turning recovery off.
 */
export function recoverySettings(env: NodeJS.ProcessEnv): RecoverySettings {
  const read = (name: string, fallback: number, unit = "a number of seconds", least = 0): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < least)
      throw new Error(`${name} must be ${unit} (${least} or more), not "${raw}"`);
    return value;
  };
  return {
    reconcile: {
      intervalSeconds: read("MAESTRO_RECONCILE_INTERVAL_SECONDS", 300),
      // At least a second: every review in flight is "stale" at 0, and would be queued again on every sweep.
      staleSeconds: read("MAESTRO_STALE_CHECK_SECONDS", 600, "a number of seconds", 1),
      maxRequests: read("MAESTRO_RECONCILE_MAX_REQUESTS", 500, "a number of requests"),
      // Reviews need the installation's rate limit more than the sweep does (5,000 an hour at least).
      minRateRemaining: 500,
      pullsPerRepo: 100,
    },
    // Kubernetes sends SIGKILL 30 s after SIGTERM by default: exit before that, on our terms.
    shutdownGraceSeconds: read("MAESTRO_SHUTDOWN_GRACE_SECONDS", 25),
  };
}
