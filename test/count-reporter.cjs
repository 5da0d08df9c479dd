// Writes Jest's own pass/fail counts where .ci/run asks (MAESTRO_TEST_COUNTS), for its closing line.
const { writeFileSync } = require("node:fs");

class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.MAESTRO_TEST_COUNTS;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    writeFileSync(file, JSON.stringify({ passed: results.numPassedTests, failed }));
  }
}

module.exports = CountReporter;
