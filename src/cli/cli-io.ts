/** What a CLI command may touch of the outside world, so tests run it in-process. */
export interface CliIo {
  readonly cwd: string;
  /** The environment the command may read (GITHUB_TOKEN, GITHUB_API_URL); tests pass their own. */
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A mistake in how the command was called: exit 2 with the message, never a stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const EXIT = { pass: 0, flagged: 1, usage: 2 } as const;
