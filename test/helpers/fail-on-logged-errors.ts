import { takeLogProblems } from "./test-log.js";

/**
 * Jest setup (jest.config.js `setupFilesAfterEnv`): a test that made Maestro log an error it did
 * not declare with `expectLoggedError` fails, even when everything it asserted looked right.
 * An error logged between tests (work a test left running) fails the next test, or the file.
 */
function failOnLoggedErrors(): void {
  const problems = takeLogProblems();
  if (problems.length > 0) throw new Error(`Maestro's log says something went wrong:\n- ${problems.join("\n- ")}`);
}

afterEach(failOnLoggedErrors);
afterAll(failOnLoggedErrors);
