import { computePatch, wholeFilePatch } from "../../src/gather/compute-patch.js";
import type { ChangedFile } from "../../src/gather/change.js";
import { createSnapshotChange } from "../../src/gather/snapshot-change.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const listed = (path: string, status: ChangedFile["status"] = "modified"): ChangedFile => ({
  path,
  status,
  additions: 0,
  deletions: 0,
  binary: false,
});

describe("a change from two snapshots and GitHub's listing", () => {
  it("a file GitHub listed without a patch gets the patch the snapshots give, with its real counts", async () => {
    const change = createSnapshotChange({
      baseSha: "b",
      headSha: "h",
      files: [listed("src/a.ts")],
      base: new Map([["src/a.ts", bytes("one\ntwo\n")]]),
      head: new Map([["src/a.ts", bytes("one\n2\n")]]),
    });
    expect(await change.files()).toEqual([
      { ...listed("src/a.ts"), additions: 1, deletions: 1, patch: "@@ -1,2 +1,2 @@\n one\n-two\n+2" },
    ]);
  });

  it("regression: a file without a patch that the snapshots cannot complete is marked unreadable, even with GitHub's counts at 0", async () => {
    const tooLarge = new Uint8Array(9 * 1024 * 1024).fill(97);
    const change = createSnapshotChange({
      baseSha: "b",
      headSha: "h",
      files: [listed("gone-from-head.ts"), listed("huge.js")],
      base: new Map([
        ["gone-from-head.ts", bytes("x\n")],
        ["huge.js", bytes("a\n")],
      ]),
      head: new Map([["huge.js", tooLarge]]),
    });
    expect((await change.files()).map((f) => [f.path, f.unreadable])).toEqual([
      ["gone-from-head.ts", "the head commit's copy is not in the snapshot"],
      ["huge.js", "it is too large to read"],
    ]);
  });

  it("regression: a diff too costly to minimise (thousands of scattered edits) falls back to one whole-file hunk instead of blocking for seconds", () => {
    const before = Array.from({ length: 6000 }, (_, i) => `line ${i}`).join("\n");
    const after = Array.from({ length: 6000 }, (_, i) => (i % 2 ? `line ${i}` : `changed ${i}`)).join("\n");
    expect(computePatch(before, after)).toEqual(wholeFilePatch(before, after));
  });
});
