/** Probot and our sources are ESM: ts-jest's ESM preset, with `./x.js` imports mapped to `./x`. */
export default {
  preset: "ts-jest/presets/default-esm",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.tsx?$": ["ts-jest", { useESM: true }] },
  testTimeout: 60000,
  // A test fails when Maestro logged an error it did not declare (test/helpers/test-log.ts).
  setupFilesAfterEnv: ["<rootDir>/test/helpers/fail-on-logged-errors.ts"],
  reporters: ["default", "<rootDir>/test/count-reporter.cjs"],
};
