/**
 * Probot's logger for tests. It records every call, so an error the app logged and swallowed
 * (a review that failed, a request nobody mocked) fails the test instead of hiding behind a
 * check run that happens to look right. A test that expects an error declares it with
 * `expectLoggedError`; `test/helpers/fail-on-logged-errors.ts` checks after each test.
 * With TEST_LOG=1 every call is also printed, timestamped.
 */

type Level = "fatal" | "error" | "warn" | "info" | "debug" | "trace";

export interface LoggedCall {
  readonly level: Level;
  /** The message and any error's message, for matching. */
  readonly text: string;
}

interface Recorder {
  calls: LoggedCall[];
  expected: { pattern: RegExp; seen: boolean }[];
}

// On globalThis, not in module scope: the setup file and the test must see one recorder even if
// Jest's module registry loads this file twice.
const KEY = Symbol.for("maestro.test-log");
function recorder(): Recorder {
  const global = globalThis as { [KEY]?: Recorder };
  return (global[KEY] ??= { calls: [], expected: [] });
}

export function testLog() {
  const record =
    (level: Level) =>
    (...args: unknown[]) => {
      recorder().calls.push({ level, text: args.map(textOf).filter(Boolean).join(" ") });
      if (process.env.TEST_LOG)
        console.log(
          new Date().toISOString(),
          level,
          ...args.map((a) => (typeof a === "string" ? a : JSON.stringify(a)?.slice(0, 200))),
        );
    };
  const log = {
    fatal: record("fatal"),
    error: record("error"),
    warn: record("warn"),
    info: record("info"),
    debug: record("debug"),
    trace: record("trace"),
    level: "trace",
    child: () => log,
  };
  return log as never;
}

/** Declares that this test logs an error matching `pattern`; the test fails if it does not. */
export function expectLoggedError(pattern: RegExp): void {
  recorder().expected.push({ pattern, seen: false });
}

/** What went wrong with this test's error logs (unexpected ones, expected ones missing); then forgets them. */
export function takeLogProblems(): string[] {
  const { calls, expected } = recorder();
  const problems: string[] = [];
  for (const call of calls.filter((c) => c.level === "error" || c.level === "fatal")) {
    const match = expected.find((e) => e.pattern.test(call.text));
    if (match) match.seen = true;
    else problems.push(`unexpected ${call.level} log: ${call.text}`);
  }
  for (const e of expected.filter((x) => !x.seen))
    problems.push(`expected an error log matching ${e.pattern}, none was logged`);
  recorder().calls = [];
  recorder().expected = [];
  return problems;
}

function textOf(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg instanceof Error) return arg.message;
  const err = (arg as { err?: unknown } | undefined)?.err;
  return err instanceof Error ? err.message : "";
}
