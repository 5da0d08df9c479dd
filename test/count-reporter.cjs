// Writes Jest's own counts where .ci/run asks (MAESTRO_TEST_COUNTS), for its closing line, and
// names every skipped test with its reason at the end of the run, where the person running it looks.
const { writeFileSync } = require("node:fs");
const { relative } = require("node:path");

class CountReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((test) => test.status === "pending" || test.status === "todo" || test.status === "skipped")
        .map((test) => `${relative(process.cwd(), file.testFilePath)}: ${test.fullName}`),
    );
    if (skipped.length > 0) {
      process.stderr.write(
        `\n${skipped.length} test${skipped.length === 1 ? "" : "s"} skipped:\n${skipped.map((s) => `  - ${s}\n`).join("")}\n`,
      );
    }
    const file = process.env.MAESTRO_TEST_COUNTS;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    writeFileSync(
      file,
      JSON.stringify({ passed: results.numPassedTests, failed, skipped: skipped.length, skippedTests: skipped }),
    );
  }
}

module.exports = CountReporter;
