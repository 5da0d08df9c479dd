import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needsProgram } from "./helpers/needs-program.js";

/**
 * Regression: `npm test` failed on a fresh machine without redis-server. On a machine with only
 * Node and git, the Redis test is skipped, and the run ends by naming it with the reason and the
 * install command; in CI it is never skipped, and .ci/run fails on any skipped test.
 */
const require = createRequire(import.meta.url);
const CountReporter = require("./count-reporter.cjs") as new () => {
  onRunComplete(contexts: unknown, results: unknown): void;
};

/** The environment of a fresh machine, as far as this test needs: node on PATH, and no redis-server. */
function freshMachine(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "maestro-path-"));
  symlinkSync(process.execPath, join(dir, "node"));
  return { HOME: process.env.HOME, PATH: dir, ...extra };
}

describe("npm test fails on a fresh machine without redis-server", () => {
  it("a missing program skips its test with the reason and the install command", () => {
    expect(needsProgram("redis-server", "`apt-get install redis-server`", freshMachine())).toEqual({
      skip: true,
      reason: "redis-server is not on PATH; install it with `apt-get install redis-server`, then run npm test again",
    });
  });

  it("in CI a missing program is never skipped: the test runs and fails", () => {
    expect(needsProgram("redis-server", "`apt-get install redis-server`", freshMachine({ CI: "true" }))).toEqual({
      skip: false,
    });
  });

  it("a program on PATH runs its test", () => {
    expect(needsProgram("node", "nothing", freshMachine())).toEqual({ skip: false });
  });

  it("the run ends by naming each skipped test, and .ci/run gets the skipped count", () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (text: string | Uint8Array) => written.push(String(text)) > 0;
    // .ci/run asks for the counts through the environment.
    const counts = join(mkdtempSync(join(tmpdir(), "maestro-counts-")), "counts.json");
    const before = process.env.MAESTRO_TEST_COUNTS;
    process.env.MAESTRO_TEST_COUNTS = counts;
    const skippedName =
      "two replicas sharing work through Redis (SKIPPED: redis-server is not on PATH; install it with `apt-get install redis-server`) a webhook is reviewed once";
    try {
      new CountReporter().onRunComplete(new Set(), {
        numPassedTests: 161,
        numFailedTests: 0,
        numRuntimeErrorTestSuites: 0,
        testResults: [
          {
            testFilePath: join(process.cwd(), "test/e2e/redis-replicas.e2e.test.ts"),
            testResults: [{ status: "pending", fullName: skippedName }],
          },
          {
            testFilePath: join(process.cwd(), "test/score/parse-score.test.ts"),
            testResults: [{ status: "passed", fullName: "parses" }],
          },
        ],
      });
    } finally {
      process.stderr.write = write;
      if (before === undefined) delete process.env.MAESTRO_TEST_COUNTS;
      else process.env.MAESTRO_TEST_COUNTS = before;
    }
    expect(written.join("")).toBe(`\n1 test skipped:\n  - test/e2e/redis-replicas.e2e.test.ts: ${skippedName}\n\n`);
    expect(JSON.parse(readFileSync(counts, "utf8"))).toEqual({
      passed: 161,
      failed: 0,
      skipped: 1,
      skippedTests: [`test/e2e/redis-replicas.e2e.test.ts: ${skippedName}`],
    });
  });
});
