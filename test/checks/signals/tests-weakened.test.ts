import { signalSeen, type SignalCase } from "./signal-seen.js";

const twoAssertions = 'it("a", () => {\n  expect(1).toBe(1);\n  expect(2).toBe(2);\n});\n';

describe("tests-weakened: tests deleted, skipped or focused, and assertions removed", () => {
  it.each<SignalCase>([
    { name: "a new test is not a weakened one", head: { "test/a.test.ts": twoAssertions }, seen: undefined },
    {
      name: "a deleted test file is half",
      base: { "test/a.test.ts": twoAssertions },
      head: {},
      seen: {
        points: 15,
        detail: "tests weakened: test/a.test.ts (test file deleted)",
        file: "test/a.test.ts",
        evidence: [{ file: "test/a.test.ts", what: "test file deleted" }],
      },
    },
    {
      name: "two deleted test files are full strength",
      base: { "test/a.test.ts": twoAssertions, "test/b.test.ts": twoAssertions },
      head: {},
      seen: {
        points: 30,
        detail: "tests weakened: test/a.test.ts (test file deleted), test/b.test.ts (test file deleted)",
        file: "test/a.test.ts",
        evidence: [
          { file: "test/a.test.ts", what: "test file deleted" },
          { file: "test/b.test.ts", what: "test file deleted" },
        ],
      },
    },
    {
      name: "a focused test, at its line",
      base: { "src/a.spec.ts": twoAssertions },
      head: { "src/a.spec.ts": twoAssertions.replace("it(", "it.only(") },
      seen: {
        points: 10,
        detail: "tests weakened: src/a.spec.ts:1 (focuses tests)",
        file: "src/a.spec.ts",
        line: 1,
        evidence: [{ file: "src/a.spec.ts", line: 1, what: "focuses tests" }],
      },
    },
    {
      name: "a skipped test, Python's too",
      base: { "tests/test_a.py": "def test_a():\n    assert 1\n" },
      head: { "tests/test_a.py": "@pytest.mark.skip\ndef test_a():\n    assert 1\n" },
      seen: {
        points: 10,
        detail: "tests weakened: tests/test_a.py:1 (skips tests)",
        file: "tests/test_a.py",
        line: 1,
        evidence: [{ file: "tests/test_a.py", line: 1, what: "skips tests" }],
      },
    },
    {
      name: "an assertion removed, pointed at where it was in the head",
      base: { "test/a.test.ts": twoAssertions },
      head: { "test/a.test.ts": 'it("a", () => {\n  expect(1).toBe(1);\n});\n' },
      seen: {
        points: 3,
        detail: "tests weakened: test/a.test.ts:1 (1 assertion removed)",
        file: "test/a.test.ts",
        line: 1,
        evidence: [{ file: "test/a.test.ts", line: 1, what: "1 assertion removed" }],
      },
    },
    {
      name: "assertions rewritten one for one are not removed",
      base: { "test/a.test.ts": twoAssertions },
      head: { "test/a.test.ts": twoAssertions.replace("toBe(2)", "toEqual(2)") },
      seen: undefined,
    },
    {
      name: "a test moved out of the tests and stripped of its assertions",
      base: { "test/a.test.ts": twoAssertions },
      head: { "src/a.ts": "export {};\n" },
      renames: { "src/a.ts": "test/a.test.ts" },
      seen: {
        points: 6,
        detail: "tests weakened: src/a.ts:1 (2 assertions removed)",
        file: "src/a.ts",
        line: 1,
        evidence: [{ file: "src/a.ts", line: 1, what: "2 assertions removed" }],
      },
    },
    {
      name: "`.only` outside a test file",
      base: { "src/a.ts": "x\n" },
      head: { "src/a.ts": "it.only(x)\n" },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("tests-weakened", { base, head, renames })).toEqual(seen);
  });
});
