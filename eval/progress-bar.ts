export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

/**
 * One line of progress: `[#####-----] 120/400 30% · 2 failed · 4m10s elapsed · ETA 9m45s`.
 * The ETA is the mean time per commit so far times what is left; none before the first is done.
 */
export function progressBar(progress: Progress, width = 30): string {
  const { done, total, failed, elapsedMs } = progress;
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const eta = done === 0 ? "ETA …" : `ETA ${duration((elapsedMs / done) * (total - done))}`;
  return [
    `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${Math.floor(ratio * 100)}%`,
    ...(failed > 0 ? [`${failed} failed`] : []),
    `${duration(elapsedMs)} elapsed`,
    eta,
  ].join(" · ");
}

export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
