import { places, plural } from "../evidence-text.js";
import { isTest } from "../file-kinds.js";
import type { PatchLine, RemovedLine } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

const FOCUS_OR_SKIP =
  /\b(?:(?:describe|it|test|context|suite)\.(?:skip|only|todo)|xit|xdescribe|xtest|fit|fdescribe)\s*\(|@pytest\.mark\.skip|@Disabled\b|@Ignore\b|\bt\.Skip(?:Now|f)?\(/;
const ASSERTION = /\bexpect\s*\(|\bassert\w*\s*[.(]|\.should\b|\bt\.(?:Error|Fatal)f?\(|\bXCTAssert/;
/**
 * A test case's first line: `it(` (`it.skip(`, `it.each(`…), `test(`, `specify(`, `def test_…`, `func Test…`, `@Test`,
 * `#[test]`.
 */
const TEST_CASE =
  /^\s*(?:(?:it|test|specify)(?:\.\w+)*\s*\(|(?:async\s+)?def\s+test_?\w*\s*\(|func\s+Test\w*\s*\(|@Test\b|#\[test\])/;

/** Each test deleted, each assertion removed, each skip or focus added: shares of the full points. */
const PER_TEST = 0.25;
const PER_ASSERTION = 0.1;
const PER_SKIP = 0.34;
const DELETED_FILE_AT_LEAST = 0.5;

/**
 * Tests deleted, skipped or focused, and assertions removed. A deleted test is worth more than a removed assertion: an
 * agent that rewrites code and deletes the tests that held it is the change a reviewer must see. Ignored files count:
 * tests are what the score usually ignores, and they are this signal's whole point.
 */
export const testsWeakened = defineSignal({
  id: "tests-weakened",
  // Fitted on eclipse-theia's history, 2023–2024 (396 commits, 36 fix-inducing or reverted): logistic weight 1.121, at
  // 19.6 points a unit of log-odds, so that at most a tenth of ordinary training commits need a conductor, protected
  // paths included (8 % from risk alone; docs/risk.md).
  points: 22,
  explanation: {
    title: "Tests weakened",
    meaning:
      "Tests deleted (a test file, or test cases in one), tests skipped or focused (`.skip`, `.only`, `xit`), or assertions removed; test files count even where the score ignores them.",
    fix: "Restore the tests, or explain in the PR why they had to go.",
  },
  evaluate({ files, lines }) {
    const evidence: Evidence[] = [];
    let strength = 0;
    for (const file of files.filter(
      (f) => isTest(f.path) || (f.previousPath !== undefined && isTest(f.previousPath)),
    )) {
      const { added, removed } = lines(file);
      if (file.status === "removed") {
        const tests = removed.filter((r) => TEST_CASE.test(r.text)).length;
        evidence.push({
          file: file.path,
          what: `test file deleted${tests > 0 ? ` with ${plural(tests, "test")}` : ""}`,
        });
        strength += Math.max(DELETED_FILE_AT_LEAST, tests * PER_TEST);
        continue;
      }
      for (const l of added.filter((a) => FOCUS_OR_SKIP.test(a.text))) {
        evidence.push({
          file: file.path,
          line: l.line,
          what: `${/only|fit|fdescribe/.test(l.text) ? "focuses" : "skips"} tests`,
        });
        strength += PER_SKIP;
      }
      const tests = lost(TEST_CASE, added, removed);
      if (tests.count > 0) {
        evidence.push(at(file.path, tests.first, `${plural(tests.count, "test")} deleted`));
        strength += tests.count * PER_TEST;
      }
      const assertions = lost(ASSERTION, added, removed);
      if (assertions.count > 0) {
        evidence.push(at(file.path, assertions.first, `${plural(assertions.count, "assertion")} removed`));
        strength += assertions.count * PER_ASSERTION;
      }
    }
    if (evidence.length === 0) return undefined;
    return { strength: Math.min(1, strength), detail: `tests weakened: ${places(evidence)}`, evidence };
  },
});

/** How many more lines of a kind the patch removes than it adds, and the first removed. */
function lost(
  kind: RegExp,
  added: readonly PatchLine[],
  removed: readonly RemovedLine[],
): { count: number; first: RemovedLine | undefined } {
  const gone = removed.filter((r) => kind.test(r.text));
  return { count: gone.length - added.filter((a) => kind.test(a.text)).length, first: gone[0] };
}

/** Evidence is annotated on the head file: point at where the removal sits there, never at its base line number. */
function at(file: string, removed: RemovedLine | undefined, what: string): Evidence {
  return removed?.headLine === undefined ? { file, what } : { file, line: removed.headLine, what };
}
