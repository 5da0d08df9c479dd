import { compileGlobs, overlongPathNote } from "../../src/shared/glob.js";
import { parseScore } from "../../src/score/parse-score.js";
import { formatScoreProblem } from "../../src/score/score-problem.js";

const ignoreProblems = (...globs: string[]) =>
  parseScore(`version: 1\nignore: ${JSON.stringify(globs)}\n`).problems.map(formatScoreProblem);

describe("globs a score may use: every accepted one matches any path in bounded time", () => {
  it("regression: many-star globs, which made picomatch backtrack for minutes, are refused with the limit and what to do", () => {
    expect(ignoreProblems("**/*a*a*a*a*a*a*b.ts")).toEqual([
      '.github/maestro.yml:2:10: ignore[0]: "**/*a*a*a*a*a*a*b.ts" has 7 "*" in "*a*a*a*a*a*a*b.ts": one folder or file name may have at most 2, as in "*.test.*"; split it into several globs',
    ]);
    expect(ignoreProblems("**/a/**/b/**/c")).toEqual([
      '.github/maestro.yml:2:10: ignore[0]: "**/a/**/b/**/c" has 3 "**": a glob may have at most 2; split it into several globs, or name a folder instead of one "**"',
    ]);
    expect(ignoreProblems("*a*/**/*b")).toEqual([
      '.github/maestro.yml:2:10: ignore[0]: "*a*/**/*b" has 4 wildcards ("*" or "**"): a glob may have at most 3, besides whole "*" folders, as in "packages/*/src/**/*.test.*"; split it into several globs',
    ]);
    expect(ignoreProblems("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}")).toEqual([
      '.github/maestro.yml:2:10: ignore[0]: "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}" spells out 128 alternatives with {…}: a glob may spell out at most 64; split it into several globs',
    ]);
    expect(ignoreProblems("src/*(a|aa)b")).toEqual([
      expect.stringContaining(
        '"src/*(a|aa)b" uses an extglob such as @(…), *(…), +(…), ?(…) or !(…), which Maestro does not accept',
      ),
    ]);
    // regression: an extglob after a wildcard went unseen (the scan stopped at the first wildcard)
    expect(ignoreProblems("src/*/@(a|b)")).toEqual([expect.stringContaining('"src/*/@(a|b)" uses an extglob')]);
    expect(ignoreProblems(`src/${"a".repeat(1100)}`)).toEqual([
      expect.stringContaining("ignore[0]: a glob may be at most 1024 characters long; this one is 1104"),
    ]);
  });

  it("accepts the globs real scores write, and repeats of ** count once", () => {
    const real = [
      "src/**",
      "packages/*/src/**",
      "packages/*/src/**/*.test.*",
      "**/*.test.ts",
      "**/*.{test,spec}.{ts,tsx,js,jsx}",
      "src/**/__tests__/**",
      "**/__tests__/**/*.ts",
      "apps/*/src/**/*.{ts,tsx}",
      "{src,lib}/**",
      ".github/workflows/*.yml",
      "db/migrations/[0-9]*.sql",
      "a/**/**/**/**/**/b",
      "!src/**",
    ];
    expect(ignoreProblems(...real)).toEqual([]);
  });

  it("regression: a path thousands of characters long is matched only by the globs that cannot backtrack, and is noted", () => {
    const crafted = `src/${"a".repeat(3000)}.ts`;
    expect(compileGlobs(["src/**"])(crafted)).toBe(true);
    expect(compileGlobs(["src/*.ts"])(crafted)).toBe(true);
    // A leading ** over a name of 3,000 "a" is the slow case: not tried at all.
    expect(compileGlobs(["**/*a*b.ts"])(crafted)).toBe(false);
    expect(compileGlobs(["src/**", "**/*.ts"])(crafted)).toBe(true);
    expect(overlongPathNote(crafted)).toMatch(
      /^src\/a{76}… is too long to match: Maestro matches paths over 1024 characters, or with a name over 255, only against simple globs/,
    );

    const longName = `src/${"b".repeat(300)}.ts`;
    expect(compileGlobs(["**/*.ts"])(longName)).toBe(false);
    expect(overlongPathNote(longName)).toBeDefined();
    expect(compileGlobs(["**/*.ts"])("src/deep/ordinary.ts")).toBe(true);
    expect(overlongPathNote("src/deep/ordinary.ts")).toBeUndefined();
  });
});
