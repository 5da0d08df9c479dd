import { signalSeen, type SignalCase } from "./signal-seen.js";

const twoAssertions = 'it("a", () => {\n  expect(1).toBe(1);\n  expect(2).toBe(2);\n});\n';
/** A spec of `n` tests, one assertion each, as theia's composite-menu-node.spec.ts. */
const spec = (names: readonly string[]) =>
  `describe("CompositeMenuNode", () => {\n${names.map((n) => `  it("${n}", () => {\n    expect(node.${n}).to.be.true;\n  });\n`).join("")}});\n`;
const menuTests = [
  "updatesUndefined",
  "updatesExisting",
  "updatesIconOnly",
  "keepsSet",
  "allowsEmpty",
  "hasNoSideEffects",
];

describe("tests-weakened: tests deleted, skipped or focused, and assertions removed", () => {
  it.each<SignalCase>([
    { name: "a new test is not a weakened one", head: { "test/a.test.ts": twoAssertions }, seen: undefined },
    {
      name: "a deleted test file is half at least",
      base: { "test/a.test.ts": twoAssertions },
      head: {},
      seen: {
        points: 11,
        detail: "tests weakened: test/a.test.ts (test file deleted with 1 test)",
        file: "test/a.test.ts",
        evidence: [{ file: "test/a.test.ts", what: "test file deleted with 1 test" }],
      },
    },
    {
      name: "two deleted test files are full strength",
      base: { "test/a.test.ts": twoAssertions, "test/b.test.ts": twoAssertions },
      head: {},
      seen: {
        points: 22,
        detail:
          "tests weakened: test/a.test.ts (test file deleted with 1 test), test/b.test.ts (test file deleted with 1 test)",
        file: "test/a.test.ts",
        evidence: [
          { file: "test/a.test.ts", what: "test file deleted with 1 test" },
          { file: "test/b.test.ts", what: "test file deleted with 1 test" },
        ],
      },
    },
    {
      name: "a focused test, at its line",
      base: { "src/a.spec.ts": twoAssertions },
      head: { "src/a.spec.ts": twoAssertions.replace("it(", "it.only(") },
      seen: {
        points: 7,
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
        points: 7,
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
        points: 2,
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
        points: 10,
        detail: "tests weakened: src/a.ts:1 (1 test deleted), src/a.ts:1 (2 assertions removed)",
        file: "src/a.ts",
        line: 1,
        evidence: [
          { file: "src/a.ts", line: 1, what: "1 test deleted" },
          { file: "src/a.ts", line: 1, what: "2 assertions removed" },
        ],
      },
    },
    {
      name: "regression: deleting six tests with their spec file weighed as much as one (theia 530dcae deleted composite-menu-node.spec.ts: 15 points)",
      base: { "packages/core/src/common/menu/composite-menu-node.spec.ts": spec(menuTests) },
      head: {},
      seen: {
        points: 22,
        detail:
          "tests weakened: packages/core/src/common/menu/composite-menu-node.spec.ts (test file deleted with 6 tests)",
        file: "packages/core/src/common/menu/composite-menu-node.spec.ts",
        evidence: [
          { file: "packages/core/src/common/menu/composite-menu-node.spec.ts", what: "test file deleted with 6 tests" },
        ],
      },
    },
    {
      name: "regression: an agent change deleting 5 tests from a spec weighed only its lost assertions (a tenth each)",
      base: { "src/auth/header.spec.ts": spec(menuTests) },
      head: { "src/auth/header.spec.ts": spec(menuTests.slice(0, 1)) },
      seen: {
        points: 22,
        detail:
          "tests weakened: src/auth/header.spec.ts:1 (5 tests deleted), src/auth/header.spec.ts:1 (5 assertions removed)",
        file: "src/auth/header.spec.ts",
        line: 1,
        evidence: [
          { file: "src/auth/header.spec.ts", line: 1, what: "5 tests deleted" },
          { file: "src/auth/header.spec.ts", line: 1, what: "5 assertions removed" },
        ],
      },
    },
    {
      name: "one test deleted is a quarter; Python's, Go's and JUnit's count too",
      base: {
        "tests/test_a.py": "def test_a():\n    pass\n",
        "a_test.go": "func TestA(t *testing.T) {}\n",
        "src/ATest.java": "@Test\nvoid a() {}\n",
      },
      head: { "tests/test_a.py": "\n", "a_test.go": "\n", "src/ATest.java": "\n" },
      seen: {
        points: 17,
        detail:
          "tests weakened: a_test.go:1 (1 test deleted), src/ATest.java:1 (1 test deleted), tests/test_a.py:1 (1 test deleted)",
        file: "a_test.go",
        line: 1,
        evidence: [
          { file: "a_test.go", line: 1, what: "1 test deleted" },
          { file: "src/ATest.java", line: 1, what: "1 test deleted" },
          { file: "tests/test_a.py", line: 1, what: "1 test deleted" },
        ],
      },
    },
    {
      name: "regression: a removed assertion was annotated at its base line number, which in the head holds a surviving assertion",
      base: {
        "test/a.test.ts": 'it("a", () => {\n  expect(1).toBe(1);\n  expect(2).toBe(2);\n  expect(3).toBe(3);\n});\n',
      },
      head: { "test/a.test.ts": 'it("a", () => {\n  expect(2).toBe(2);\n  expect(3).toBe(3);\n});\n' },
      seen: {
        points: 2,
        detail: "tests weakened: test/a.test.ts:1 (1 assertion removed)",
        file: "test/a.test.ts",
        line: 1,
        evidence: [{ file: "test/a.test.ts", line: 1, what: "1 assertion removed" }],
      },
    },
    {
      name: "a test file the score ignores still counts: tests are this signal's point",
      base: { "src/a.spec.ts": twoAssertions },
      head: {},
      seen: {
        points: 11,
        detail: "tests weakened: src/a.spec.ts (test file deleted with 1 test)",
        file: "src/a.spec.ts",
        evidence: [{ file: "src/a.spec.ts", what: "test file deleted with 1 test" }],
      },
    },
    {
      name: "`.only` outside a test file",
      base: { "src/a.ts": "x\n" },
      head: { "src/a.ts": "it.only(x)\n" },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(
      await signalSeen("tests-weakened", { base, head, renames }, 'version: 1\nignore: ["**/*.spec.ts"]\n'),
    ).toEqual(seen);
  });
});
