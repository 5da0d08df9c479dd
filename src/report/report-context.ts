/** What a report says about where a verdict came from (SPEC §3, provenance). */
export interface ReportContext {
  readonly baseSha: string;
  readonly headSha: string;
  readonly scope: "change" | "all";
  readonly maestroVersion: string;
  /** Where the score was read: `.github/maestro.yml@<sha>` or a file path. */
  readonly scoreSource: string;
}

export function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha;
}

export const VERDICT_TITLES = {
  pass: "pass",
  conductor: "a conductor must sign off",
  block: "blocked",
} as const;
