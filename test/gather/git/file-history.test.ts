import { isFixSubject } from "../../../src/gather/change.js";
import { openGitChange } from "../../../src/gather/git/git-change.js";
import { parseFileHistory } from "../../../src/gather/git/parse-file-history.js";
import { execFileSync } from "node:child_process";
import { createRepo, type TestRepo } from "../../helpers/git-repo.js";

const DAY = 86_400;
const BASE_TIME = 1_750_000_000;

/** Commits what was written, dated `daysBeforeBase` days before the base commit. */
function commitAt(repo: TestRepo, daysBeforeBase: number, message: string): string {
  const date = `@${BASE_TIME - daysBeforeBase * DAY} +0000`;
  repo.git("add", "-A");
  // Jest gives the test its own copy of process.env: the dates go to git explicitly.
  execFileSync("git", ["commit", "-q", "-m", message], {
    cwd: repo.dir,
    env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
  });
  return repo.git("rev-parse", "HEAD");
}

describe("a file's history, read from git", () => {
  it("counts the commits and the fixes of each path in the 90 days before the base commit, not since", async () => {
    const repo = createRepo();
    repo.write({ "src/a.ts": "a0\n", "src/b.ts": "b0\n", "src/c d.ts": "c0\n" });
    commitAt(repo, 200, "feat: start");
    repo.write({ "src/a.ts": "a1\n" });
    commitAt(repo, 150, "fix: too old to count");
    repo.write({ "src/a.ts": "a2\n" });
    commitAt(repo, 30, "fix(core): a crash in a");
    repo.write({ "src/a.ts": "a3\n", "src/c d.ts": "c1\n" });
    commitAt(repo, 20, "feat: more of a and c");
    repo.write({ "README.md": "x\n" });
    const base = commitAt(repo, 0, "docs: readme");
    repo.write({ "src/a.ts": "a4\n", "src/b.ts": "b1\n" });
    commitAt(repo, -5, "fix: after the base, never counted");
    repo.write({ "src/a.ts": "a5\n", "src/b.ts": "b2\n", "src/c d.ts": "c2\n" });
    const head = commitAt(repo, -6, "the change judged");
    const change = await openGitChange({ repoDir: repo.dir, base, head });
    const history = await change.history?.(["src/a.ts", "src/b.ts", "src/c d.ts"]);
    expect(Object.fromEntries(history ?? [])).toEqual({
      "src/a.ts": { changes: 2, fixes: 1 },
      "src/b.ts": { changes: 0, fixes: 0 },
      "src/c d.ts": { changes: 1, fixes: 0 },
    });
  });

  it("parses git's output, paths with spaces and all, and gives zeros to paths no commit touched", () => {
    const output = "\x1efix: a\0\nsrc/a.ts\0src/b c.ts\0\x1efeat: b\0\nsrc/b c.ts\0";
    expect(Object.fromEntries(parseFileHistory(output, ["src/a.ts", "src/b c.ts", "src/z.ts"]))).toEqual({
      "src/a.ts": { changes: 1, fixes: 1 },
      "src/b c.ts": { changes: 2, fixes: 1 },
      "src/z.ts": { changes: 0, fixes: 0 },
    });
  });

  it.each([
    ["fix(core): always show the panel", true],
    ["Fixes #123", true],
    ["Fixed a typo", true],
    ["bugfix: races", true],
    ["Bug 412: wrong header", true],
    ["feat: prefix handling", false],
    ["chore: update fixtures", false],
    ["debug: more logs", false],
  ])("%j says it fixes something: %s", (subject, fix) => {
    expect(isFixSubject(subject)).toBe(fix);
  });
});
