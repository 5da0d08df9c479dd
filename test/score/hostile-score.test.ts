import { parseScore, readScoreData } from "../../src/score/parse-score.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";
import { ALIAS_BOMB_SCORE } from "../fixtures/scores.js";

const messages = (text: string) => parseScore(text).problems.map(formatScoreProblem);

function modules(
  count: number,
  line: (i: number) => string = (i) => `  - name: m${i}\n    paths: ["packages/p${i}/**"]\n    may_use: [m0]\n`,
): string {
  return `version: 1\nmodules:\n${Array.from({ length: count }, (_, i) => line(i)).join("")}`;
}

describe("a hostile score is an invalid score, never a crash or a stall", () => {
  it("regression: a YAML alias bomb is a problem at the alias that goes too far, for the score and for extends", () => {
    const expected =
      /^\.github\/maestro\.yml:7:17: this alias brings the score to more than 200,000 values, which Maestro does not read: an alias of a list of aliases multiplies them/;
    expect(messages(ALIAS_BOMB_SCORE)).toEqual([expect.stringMatching(expected)]);
    const inherited = readScoreData(ALIAS_BOMB_SCORE, "acme/.github:.github/maestro.yml");
    expect(inherited.ok).toBe(false);
    expect(!inherited.ok && inherited.problems.map(formatScoreProblem)).toEqual([
      expect.stringMatching(/^acme\/\.github:\.github\/maestro\.yml:7:17: this alias brings/),
    ]);
  });

  it("an alias with no anchor, or inside the node it names, is a problem at the alias", () => {
    expect(messages("version: 1\nmodules: *nope\n")).toEqual([
      ".github/maestro.yml:2:10: *nope names no anchor &nope set before it",
    ]);
    expect(messages("version: 1\nignore: &a [x, *a]\n")).toEqual([
      ".github/maestro.yml:2:16: *a is inside the node &a it names, which would make it endless",
    ]);
  });

  it("aliases as a real score uses them still read, past the yaml library's default of 100", () => {
    const text = modules(
      300,
      (i) =>
        `  - name: m${i}\n    paths: ["p${i}/**"]\n    forbid_packages: ${i === 0 ? "&io [node:fs, pg]" : "*io"}\n`,
    );
    const parsed = parseScore(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.score.modules[299]?.forbid_packages).toEqual(["node:fs", "pg"]);
  });

  it("nesting deeper than a score needs, or than the parser's stack, is a problem with its line", () => {
    expect(messages(`version: 1\nx: ${"[".repeat(100)}${"]".repeat(100)}\n`)).toEqual([
      ".github/maestro.yml:2:67: the score nests deeper than 64 levels here; a score needs five",
    ]);
    expect(messages(`version: 1\nx: ${"[".repeat(20_000)}\n`)).toEqual([
      expect.stringMatching(/^\.github\/maestro\.yml:2:\d+: YAML syntax: the score nests too deep to read here/),
    ]);
  });

  it("a score over 1 MB is refused with the limit and what to do", () => {
    expect(messages(`version: 1\n${"# padding\n".repeat(100_000)}`)).toEqual([
      '.github/maestro.yml:1:1: the score is 1,000,011 characters long; Maestro reads at most 1,000,000 (about 1 MB): name modules by folder globs ("packages/*/src/**") rather than one entry per file',
    ]);
  });

  it("regression: 10,000 modules validate in linear time (the quadratic overlap check took over a minute)", () => {
    const started = performance.now();
    const parsed = parseScore(modules(10_000));
    // Measured: about 1 s now, 75 s with the check that compared every module with every earlier one.
    // Validation is synchronous, so Jest's timeout cannot stop it: the guard is the elapsed time.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.score.modules).toHaveLength(10_000);
  });

  it("more modules than the limit are refused with the limit and what to do", () => {
    expect(messages(modules(10_001))).toEqual([
      '.github/maestro.yml:3:3: modules: the score declares 10,001 modules; Maestro reads at most 10,000: give a module a folder glob that covers several packages ("packages/billing-*/**")',
    ]);
  });

  it("a score built to exhaust the overlap check is told where it stopped, and still validates", () => {
    // Every glob under src/ with a wildcard must be tried against every file name under src/.
    const parsed = parseScore(modules(1_000, (i) => `  - name: m${i}\n    paths: ["src/*x${i}*", "src/f${i}.ts"]\n`));
    expect(parsed.ok).toBe(true);
    expect(parsed.problems.map(formatScoreProblem)).toEqual([
      expect.stringMatching(
        /^\.github\/maestro\.yml:\d+:\d+: warning: modules\[\d+\]\.paths\[\d\]: Maestro stopped looking for overlapping modules here, after 200,000 comparisons/,
      ),
    ]);
  });

  it("a message naming the known modules names ten, not thousands", () => {
    const text = modules(
      2_000,
      (i) => `  - name: m${i}\n    paths: ["p${i}/**"]\n    may_use: [${i === 5 ? "nope" : "m0"}]\n`,
    );
    expect(messages(text)).toEqual([
      '.github/maestro.yml:20:15: modules[5].may_use[0]: unknown module "nope" (modules: "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", and 1,990 more)',
    ]);
  });
});
