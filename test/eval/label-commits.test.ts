import { labelCommits } from "../../eval/label-commits.js";
import { readHistory } from "../../eval/read-history.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

/**
 * A history whose reverts and fixes are known: each label, each form of revert, a revert and a
 * fix reaching through a merge, and the lines SZZ must not blame (comments, lockfiles, `debug:`).
 */
function knownHistory() {
  const repo = createRepo();
  const lines = (...l: string[]) => `${l.join("\n")}\n`;
  repo.write({ "src/a.ts": lines("export const a = 1;", "export const b = 2;") });
  const root = repo.commit("initial");
  repo.write({
    "src/a.ts": lines(
      "export const a = 1;",
      "export const b = 2;",
      "export function parse(s: string) {",
      "  return s.length - 1;",
      "}",
    ),
  });
  const parse = repo.commit("feat: add parse");
  repo.write({ "src/util.ts": lines("export const util = 1;") });
  const util = repo.commit("feat: add util");
  repo.write({ "src/log.ts": lines("export const log = console.log;") });
  const logging = repo.commit("chore: logging (#7)");
  repo.write({ "src/notes.ts": lines("// the notes", "export const notes = [];") });
  const commented = repo.commit("feat: notes");
  repo.write({ "src/clean.ts": lines("export const clean = true;") });
  const clean = repo.commit("feat: clean");
  repo.write({ "package-lock.json": lines("{", '  "lockfileVersion": 3', "}") });
  const deps = repo.commit("chore: deps");

  // Said in the message only: the title names no subject.
  repo.git("revert", "--no-commit", util);
  const revertUtil = repo.commit(`Undo the util for now\n\nThis reverts commit ${util}.`);
  repo.write({ "src/log.ts": null });
  const revertLogging = repo.commit('Revert "chore: logging (#7)" (#9)');

  // A branch of two commits merged: the merge is the first-parent commit that landed them.
  repo.git("checkout", "-q", "-b", "side");
  repo.write({ "src/d.ts": lines("export const d = 1;") });
  const sideOne = repo.commit("feat: side d");
  repo.write({ "src/e.ts": lines("export const e = 1;", "export const f = 2;") });
  repo.commit("feat: side e");
  repo.git("checkout", "-q", "main");
  repo.git("merge", "--no-ff", "-q", "-m", "Merge branch side", "side");
  const mergeSide = repo.git("rev-parse", "HEAD");

  // The revert of a branch commit, itself made inside another merged branch.
  repo.git("checkout", "-q", "-b", "undo");
  repo.git("revert", "--no-edit", sideOne);
  repo.git("checkout", "-q", "main");
  repo.git("merge", "--no-ff", "-q", "-m", "Merge branch undo", "undo");
  const mergeUndo = repo.git("rev-parse", "HEAD");

  // A branch that adds and reverts its own commit: landed together, it undid nothing.
  repo.git("checkout", "-q", "-b", "tryout");
  repo.write({ "src/try.ts": lines("export const t = 1;") });
  const tryOne = repo.commit("feat: try");
  repo.git("revert", "--no-edit", tryOne);
  repo.git("checkout", "-q", "main");
  repo.git("merge", "--no-ff", "-q", "-m", "Merge branch tryout", "tryout");
  const mergeTryout = repo.git("rev-parse", "HEAD");

  repo.write({
    "src/a.ts": lines(
      "export const a = 1;",
      "export const b = 2;",
      "export function parse(s: string) {",
      "  return s.length;",
      "}",
    ),
    "src/notes.ts": lines("// the notes, in order", "export const notes = [];"),
    "package-lock.json": lines("{", '  "lockfileVersion": 2', "}"),
  });
  const fixParse = repo.commit("fix: parse is off by one");
  repo.write({ "src/e.ts": lines("export const e = 1;", "export const f = 3;") });
  const fixE = repo.commit("Correct f (bugfix)");
  repo.write({ "src/clean.ts": lines("export const clean = false;") });
  repo.commit("debug: tweak the clean flag");
  return {
    repo,
    shas: {
      root,
      parse,
      util,
      logging,
      commented,
      clean,
      deps,
      revertUtil,
      revertLogging,
      mergeSide,
      mergeUndo,
      mergeTryout,
      fixParse,
      fixE,
    },
  };
}

async function labelsOf(repo: TestRepo, boundary?: string) {
  const history = await readHistory(repo.dir);
  const { labels } = await labelCommits({ repoDir: repo.dir, history, ...(boundary ? { boundary } : {}) });
  return labels;
}

describe("labelCommits", () => {
  const { repo, shas } = knownHistory();

  it("labels a commit reverted by `This reverts commit <sha>`", async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.util)?.revertedBy).toEqual([shas.revertUtil]);
  });

  it('labels a commit reverted by a `Revert "<subject>"` title, PR numbers and all', async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.logging)?.revertedBy).toEqual([shas.revertLogging]);
  });

  it("labels the merge that landed a branch commit reverted inside another merged branch, with that merge", async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.mergeSide)?.revertedBy).toEqual([shas.mergeUndo]);
  });

  it("does not label a merge whose branch reverted its own commit", async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.mergeTryout)).toBeUndefined();
  });

  it("labels fix-inducing the commit that wrote the line a fix changes", async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.parse)?.fixedBy).toEqual([shas.fixParse]);
  });

  it("labels fix-inducing the merge that landed a branch commit's line", async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.mergeSide)?.fixedBy).toEqual([shas.fixE]);
  });

  it("does not blame comment lines, lockfiles, or what a `debug:` commit changes", async () => {
    const labels = await labelsOf(repo);
    expect(labels.get(shas.commented)).toBeUndefined();
    expect(labels.get(shas.deps)).toBeUndefined();
    expect(labels.get(shas.clean)).toBeUndefined();
  });

  it("labels exactly the known commits, nothing else", async () => {
    const labels = await labelsOf(repo);
    expect(new Set(labels.keys())).toEqual(new Set([shas.util, shas.logging, shas.mergeSide, shas.parse]));
  });

  it("stops blame at the boundary: lines last touched at or before it are no one's in the window", async () => {
    const labels = await labelsOf(repo, shas.parse);
    expect(labels.get(shas.parse)?.fixedBy ?? []).toEqual([]);
    expect(labels.get(shas.mergeSide)?.fixedBy).toEqual([shas.fixE]);
  });
});
