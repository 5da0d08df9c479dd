import { readingRank } from "../../../src/analyse/reader/reading-rank.js";
import type { ChangedFile } from "../../../src/gather/change.js";

const file = (path: string, more: Partial<ChangedFile> = {}): ChangedFile => ({
  path,
  status: "modified",
  additions: 1,
  deletions: 1,
  binary: false,
  patch: "@@ -1 +1 @@\n-a\n+b",
  ...more,
});

describe("which files the second reader reads first, and which never", () => {
  it.each([
    { name: "code", file: file("src/auth/session.ts"), rank: { rank: 0 } },
    { name: "a CI workflow", file: file(".github/workflows/ci.yml"), rank: { rank: 0 } },
    { name: "a manifest", file: file("package.json"), rank: { rank: 0 } },
    { name: "a test", file: file("src/auth/session.test.ts"), rank: { rank: 1 } },
    { name: "another file", file: file("config/settings.yml"), rank: { rank: 2 } },
    { name: "docs", file: file("docs/usage.md"), rank: { rank: 3 } },
    {
      name: "a rename with no change of content",
      file: file("src/b.ts", { patch: undefined, additions: 0, deletions: 0 }),
      rank: { rank: 0 },
    },
    { name: "a lockfile", file: file("web/package-lock.json"), rank: { never: "lockfile" } },
    { name: "a minified bundle", file: file("public/app.min.js"), rank: { never: "generated file" } },
    { name: "a snapshot", file: file("src/__snapshots__/a.test.ts.snap"), rank: { never: "generated file" } },
    { name: "a build's output", file: file("dist/index.js"), rank: { never: "generated file" } },
    { name: "a binary", file: file("logo.png", { binary: true, patch: undefined }), rank: { never: "binary file" } },
    {
      name: "a diff too large to be given",
      file: file("src/big.ts", { patch: undefined }),
      rank: { never: "diff too large to be given" },
    },
    {
      name: "an unreadable diff",
      file: file("src/c.ts", { unreadable: "blob missing" }),
      rank: { never: "diff not read: blob missing" },
    },
  ])("$name", ({ file, rank }) => {
    expect(readingRank(file, [])).toEqual(rank);
  });

  it("a script whose added lines are minified is generated", () => {
    expect(readingRank(file("src/vendor.js"), [{ line: 1, text: "x".repeat(600) }])).toEqual({
      never: "generated file",
    });
  });
});
