import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { isTest } from "../file-kinds.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

const FOCUS_OR_SKIP =
  /\b(?:(?:describe|it|test|context|suite)\.(?:skip|only|todo)|xit|xdescribe|xtest|fit|fdescribe)\s*\(|@pytest\.mark\.skip|@Disabled\b|@Ignore\b|\bt\.Skip(?:Now|f)?\(/;
const ASSERTION = /\bexpect\s*\(|\bassert\w*\s*[.(]|\.should\b|\bt\.(?:Error|Fatal)f?\(|\bXCTAssert/;

/** Tests deleted, skipped or focused, and assertions removed. */
export const testsWeakened = defineSignal({
  id: "tests-weakened",
  points: 30,
  explanation: {
    title: "Tests weakened",
    meaning: "Test files deleted, tests skipped or focused (`.skip`, `.only`, `xit`), or assertions removed.",
    fix: "Restore the tests, or explain in the PR why they had to go.",
  },
  evaluate({ files, lines }) {
    const evidence: Evidence[] = [];
    let strength = 0;
    for (const file of files.filter(
      (f) => isTest(f.path) || (f.previousPath !== undefined && isTest(f.previousPath)),
    )) {
      if (file.status === "removed") {
        evidence.push({ file: file.path, what: "test file deleted" });
        strength += 0.5;
        continue;
      }
      const { added, removed } = lines(file);
      for (const l of added.filter((a) => FOCUS_OR_SKIP.test(a.text))) {
        evidence.push({
          file: file.path,
          line: l.line,
          what: `${/only|fit|fdescribe/.test(l.text) ? "focuses" : "skips"} tests`,
        });
        strength += 0.34;
      }
      const lost =
        removed.filter((r) => ASSERTION.test(r.text)).length - added.filter((a) => ASSERTION.test(a.text)).length;
      if (lost > 0) {
        // Evidence is annotated on the head file: point at where the assertion was, never at its base line number.
        evidence.push({
          file: file.path,
          line: removed.find((r) => ASSERTION.test(r.text))?.headLine,
          what: `${plural(lost, "assertion")} removed`,
        });
        strength += countStrength(lost, 0.1);
      }
    }
    if (evidence.length === 0) return undefined;
    return { strength: Math.min(1, strength), detail: `tests weakened: ${places(evidence)}`, evidence };
  },
});
