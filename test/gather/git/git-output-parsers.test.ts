import { parseBatchCheck } from "../../../src/gather/git/parse-batch-check.js";
import { parseCatFileBatch } from "../../../src/gather/git/parse-cat-file-batch.js";
import { parseLsTree } from "../../../src/gather/git/parse-ls-tree.js";
import { parseNumstat } from "../../../src/gather/git/parse-numstat.js";
import { parseRawDiff, type RawEntry } from "../../../src/gather/git/parse-raw-diff.js";
import { patchesByPath, type PatchedPath } from "../../../src/gather/git/patches-by-path.js";

/**
 * The local-git adapter's parsers, on git's own output as git 2.39 writes it with `core.quotePath=false`
 * (the shapes and the quoting below were copied from a real repository holding these very paths; a
 * few SHAs are made up): `-z` records keep tabs, newlines, quotes and non-ASCII in paths as they
 * are; patch headers C-quote a name holding a control character, a quote or a backslash.
 */
const SHA_A = "d5f7fc3f74f7dec08280f370a975b112e8f60818";
const SHA_B = "286c5f5776916d7d7d5849988ca9d83e722cf9c2";
const SHA_C = "587be6b4c3f93f93c489c0111bba5596147a26cb";
const ZERO = "0".repeat(40);
const SUBMODULE_OLD = "1111111111111111111111111111111111111111";
const SUBMODULE_NEW = "2222222222222222222222222222222222222222";

/** One `git diff --raw -z` record: the header, then its path(s), each ended by NUL. */
const raw = (header: string, ...paths: string[]) => `${header}\0${paths.map((p) => `${p}\0`).join("")}`;

describe("parseRawDiff: `git diff --raw -z --no-abbrev`", () => {
  it.each<[string, string, RawEntry[]]>([
    ["nothing changed", "", []],
    [
      "an added file: no blob at base",
      raw(`:000000 100644 ${ZERO} ${SHA_A} A`, "added.ts"),
      [{ path: "added.ts", status: "added", blobs: [SHA_A] }],
    ],
    [
      "a removed file: no blob at head",
      raw(`:100644 000000 ${SHA_B} ${ZERO} D`, "gone.ts"),
      [{ path: "gone.ts", status: "removed", blobs: [SHA_B] }],
    ],
    [
      "a modified file",
      raw(`:100644 100644 ${SHA_B} ${SHA_A} M`, "src/a.ts"),
      [{ path: "src/a.ts", status: "modified", blobs: [SHA_B, SHA_A] }],
    ],
    [
      "a file that became a symlink (T) is modified",
      raw(`:100644 120000 ${SHA_B} ${SHA_A} T`, "becomes-link.ts"),
      [{ path: "becomes-link.ts", status: "modified", blobs: [SHA_B, SHA_A] }],
    ],
    [
      "a mode change alone",
      raw(`:100644 100755 ${SHA_A} ${SHA_A} M`, "mode.sh"),
      [{ path: "mode.sh", status: "modified", blobs: [SHA_A, SHA_A] }],
    ],
    [
      "a rename (R100) names both paths, base first",
      raw(`:100644 100644 ${SHA_C} ${SHA_C} R100`, "moved.txt", "renamed\tto.txt"),
      [{ path: "renamed\tto.txt", previousPath: "moved.txt", status: "renamed", blobs: [SHA_C, SHA_C] }],
    ],
    [
      "a submodule's commits are no blobs of this repository",
      raw(`:160000 160000 ${SUBMODULE_OLD} ${SUBMODULE_NEW} M`, "vendor/lib"),
      [{ path: "vendor/lib", status: "modified", blobs: [] }],
    ],
    [
      "paths with a tab, a newline, a quote, a backslash and non-ASCII, as they are",
      raw(`:100644 100644 ${SHA_B} ${SHA_A} M`, "tab\tname.ts") +
        raw(`:100644 100644 ${SHA_B} ${SHA_A} M`, "new\nline.ts") +
        raw(`:100644 100644 ${SHA_B} ${SHA_A} M`, 'quo"te\\.ts') +
        raw(`:000000 100644 ${ZERO} ${SHA_A} A`, "ünï cödé.ts"),
      [
        { path: "tab\tname.ts", status: "modified", blobs: [SHA_B, SHA_A] },
        { path: "new\nline.ts", status: "modified", blobs: [SHA_B, SHA_A] },
        { path: 'quo"te\\.ts', status: "modified", blobs: [SHA_B, SHA_A] },
        { path: "ünï cödé.ts", status: "added", blobs: [SHA_A] },
      ],
    ],
    [
      "a rename between two records takes its two paths and no more",
      raw(`:000000 100644 ${ZERO} ${SHA_A} A`, "added.ts") +
        raw(`:100644 100644 ${SHA_C} ${SHA_A} R087`, "old name.ts", "new name.ts") +
        raw(`:100644 000000 ${SHA_B} ${ZERO} D`, "gone.ts"),
      [
        { path: "added.ts", status: "added", blobs: [SHA_A] },
        { path: "new name.ts", previousPath: "old name.ts", status: "renamed", blobs: [SHA_C, SHA_A] },
        { path: "gone.ts", status: "removed", blobs: [SHA_B] },
      ],
    ],
  ])("%s", (_case, text, entries) => {
    expect(parseRawDiff(text)).toEqual(entries);
  });
});

describe("parseNumstat: `git diff --numstat -z`", () => {
  it.each<[string, string, [string, { additions: number; deletions: number; binary: boolean }][]]>([
    ["nothing changed", "", []],
    [
      "added and deleted lines",
      "1\t0\tadded.ts\x000\t1\tgone.ts\x00",
      [
        ["added.ts", { additions: 1, deletions: 0, binary: false }],
        ["gone.ts", { additions: 0, deletions: 1, binary: false }],
      ],
    ],
    [
      "`-\\t-` is a binary file, counted 0",
      "-\t-\timg.bin\0",
      [["img.bin", { additions: 0, deletions: 0, binary: true }]],
    ],
    [
      "a rename is keyed by its path at head",
      "0\t0\t\0moved.txt\0renamed\tto.txt\0",
      [["renamed\tto.txt", { additions: 0, deletions: 0, binary: false }]],
    ],
    [
      "a rename with edits, then a file: the rename's two paths are not taken for records",
      "3\t1\t\0old.ts\0new.ts\x002\t2\tnext.ts\0",
      [
        ["new.ts", { additions: 3, deletions: 1, binary: false }],
        ["next.ts", { additions: 2, deletions: 2, binary: false }],
      ],
    ],
    [
      "paths with a tab, a newline, a quote and non-ASCII, as they are",
      '1\t0\ttab\tname.ts\x001\t0\tnew\nline.ts\x001\t1\tquo"te.ts\x0012\t0\tünï cödé.ts\0',
      [
        ["tab\tname.ts", { additions: 1, deletions: 0, binary: false }],
        ["new\nline.ts", { additions: 1, deletions: 0, binary: false }],
        ['quo"te.ts', { additions: 1, deletions: 1, binary: false }],
        ["ünï cödé.ts", { additions: 12, deletions: 0, binary: false }],
      ],
    ],
    [
      "one path in several records is summed, binary if any is",
      "2\t1\tbecomes-link.ts\0-\t-\tbecomes-link.ts\x003\t0\tbecomes-link.ts\0",
      [["becomes-link.ts", { additions: 5, deletions: 1, binary: true }]],
    ],
  ])("%s", (_case, text, counts) => {
    expect([...parseNumstat(text)]).toEqual(counts);
  });
});

/** The patch of the real repository above: `git diff -p -M --src-prefix=a/ --dst-prefix=b/`. */
const PATCH = `diff --git a/added.ts b/added.ts
new file mode 100644
index 0000000..d5f7fc3
--- /dev/null
+++ b/added.ts
@@ -0,0 +1 @@
+added
diff --git a/becomes-link.ts b/becomes-link.ts
deleted file mode 100644
index 2b2328d..0000000
--- a/becomes-link.ts
+++ /dev/null
@@ -1 +0,0 @@
-link
diff --git a/becomes-link.ts b/becomes-link.ts
new file mode 120000
index 0000000..fc33da5
--- /dev/null
+++ b/becomes-link.ts
@@ -0,0 +1 @@
+moved.txt
\\ No newline at end of file
diff --git a/img.bin b/img.bin
index 87ae6b6..22f6b3b 100644
Binary files a/img.bin and b/img.bin differ
diff --git a/mode.sh b/mode.sh
old mode 100644
new mode 100755
diff --git "a/new\\nline.ts" "b/new\\nline.ts"
index 975fbec..77811bc 100644
--- "a/new\\nline.ts"
+++ "b/new\\nline.ts"
@@ -1 +1,2 @@
 y
+y2
diff --git "a/quo\\"te.ts" "b/quo\\"te.ts"
index bca70f3..d169a2f 100644
--- "a/quo\\"te.ts"
+++ "b/quo\\"te.ts"
@@ -1 +1 @@
-q
+q2
diff --git a/moved.txt "b/renamed\\tto.txt"
similarity index 100%
rename from moved.txt
rename to "renamed\\tto.txt"
diff --git a/old.ts b/new.ts
similarity index 80%
rename from old.ts
rename to new.ts
index 1111111..2222222 100644
--- a/old.ts
+++ b/new.ts
@@ -1,2 +1,2 @@
 kept
-old
+new
diff --git "a/tab\\tname.ts" "b/tab\\tname.ts"
index 587be6b..23a2420 100644
--- "a/tab\\tname.ts"
+++ "b/tab\\tname.ts"
@@ -1 +1,2 @@
 x
+x2
diff --git "a/back\\\\slash.ts" "b/back\\\\slash.ts"
index 587be6b..23a2420 100644
--- "a/back\\\\slash.ts"
+++ "b/back\\\\slash.ts"
@@ -1 +1 @@
-b
+b2
diff --git a/ünï cödé.ts b/ünï cödé.ts
index 4ae8ef0..4f1ca31 100644
--- a/ünï cödé.ts\t
+++ b/ünï cödé.ts\t
@@ -1 +1,2 @@
 u
+u2
`;

describe("patchesByPath: `git diff -p`, each file's hunks found by its own header", () => {
  it.each<[string, PatchedPath, string | undefined]>([
    ["an added file", { path: "added.ts" }, "@@ -0,0 +1 @@\n+added"],
    [
      "a file that became a symlink: its two sections, joined",
      { path: "becomes-link.ts" },
      "@@ -1 +0,0 @@\n-link\n@@ -0,0 +1 @@\n+moved.txt\n\\ No newline at end of file",
    ],
    ["a binary file has no hunks", { path: "img.bin" }, undefined],
    ["a mode change alone has no hunks", { path: "mode.sh" }, undefined],
    ["a newline in the name: the header is C-quoted", { path: "new\nline.ts" }, "@@ -1 +1,2 @@\n y\n+y2"],
    ["a double quote in the name", { path: 'quo"te.ts' }, "@@ -1 +1 @@\n-q\n+q2"],
    ["a tab in the name", { path: "tab\tname.ts" }, "@@ -1 +1,2 @@\n x\n+x2"],
    ["a backslash in the name", { path: "back\\slash.ts" }, "@@ -1 +1 @@\n-b\n+b2"],
    ["non-ASCII and a space stay as they are (with quotePath off)", { path: "ünï cödé.ts" }, "@@ -1 +1,2 @@\n u\n+u2"],
    [
      "a pure rename to a name with a tab has no hunks",
      { path: "renamed\tto.txt", previousPath: "moved.txt" },
      undefined,
    ],
    [
      "a rename with edits is found by both its names",
      { path: "new.ts", previousPath: "old.ts" },
      "@@ -1,2 +1,2 @@\n kept\n-old\n+new",
    ],
    ["a rename listed by its head name alone is not another file's patch", { path: "new.ts" }, undefined],
    ["a file the patch does not hold", { path: "elsewhere.ts" }, undefined],
  ])("%s", (_case, file, patch) => {
    expect(patchesByPath(PATCH, [file]).get(file.path)).toEqual(patch);
  });

  it("gives each listed file its own patch, whatever the order of the list", () => {
    const files: PatchedPath[] = [{ path: "ünï cödé.ts" }, { path: "tab\tname.ts" }, { path: "added.ts" }];
    expect([...patchesByPath(PATCH, files)]).toEqual([
      ["added.ts", "@@ -0,0 +1 @@\n+added"],
      ["tab\tname.ts", "@@ -1 +1,2 @@\n x\n+x2"],
      ["ünï cödé.ts", "@@ -1 +1,2 @@\n u\n+u2"],
    ]);
  });

  it("an empty diff holds no patch", () => {
    expect(patchesByPath("", [{ path: "a.ts" }]).size).toBe(0);
  });
});

describe("parseLsTree: `git ls-tree -r -z --full-tree`", () => {
  it.each<[string, string, [string, string][]]>([
    ["nothing", "", []],
    [
      "a regular and an executable file",
      `100644 blob ${SHA_A}\tadded.ts\x00100755 blob ${SHA_B}\tmode.sh\0`,
      [
        ["added.ts", SHA_A],
        ["mode.sh", SHA_B],
      ],
    ],
    ["a symlink is left out: its blob is its target's name", `120000 blob ${SHA_A}\tbecomes-link.ts\0`, []],
    ["a submodule is left out: its commit is another repository's", `160000 commit ${SUBMODULE_NEW}\tvendor/lib\0`, []],
    [
      "paths with a tab, a newline, a quote and non-ASCII, as they are",
      `100644 blob ${SHA_A}\ttab\tname.ts\x00100644 blob ${SHA_A}\tnew\nline.ts\x00100644 blob ${SHA_B}\tquo"te.ts\x00100644 blob ${SHA_C}\tünï cödé.ts\0`,
      [
        ["tab\tname.ts", SHA_A],
        ["new\nline.ts", SHA_A],
        ['quo"te.ts', SHA_B],
        ["ünï cödé.ts", SHA_C],
      ],
    ],
  ])("%s", (_case, text, blobs) => {
    expect([...parseLsTree(text)]).toEqual(blobs);
  });
});

describe("parseCatFileBatch: `git cat-file --batch`", () => {
  const object = (sha: string, type: string, body: Buffer) =>
    Buffer.concat([Buffer.from(`${sha} ${type} ${body.length}\n`), body, Buffer.from("\n")]);
  const tooLarge = Buffer.alloc(8 * 1024 * 1024 + 1, 97);
  it.each<[string, Buffer, string[], [string, unknown][]]>([
    [
      "a text blob",
      object(SHA_A, "blob", Buffer.from("export const a = 1;\n")),
      ["a.ts"],
      [["a.ts", { kind: "text", text: "export const a = 1;\n" }]],
    ],
    [
      "a blob with a NUL byte is binary",
      object(SHA_A, "blob", Buffer.from([0x89, 0x50, 0, 1])),
      ["logo.ts"],
      [["logo.ts", { kind: "binary" }]],
    ],
    [
      "a blob over the parse limit is too large",
      object(SHA_A, "blob", tooLarge),
      ["huge.ts"],
      [["huge.ts", { kind: "too-large", bytes: tooLarge.length }]],
    ],
    [
      "a blob missing from the object store reads as missing, alone: the next file still reads",
      Buffer.concat([Buffer.from(`${SHA_B} missing\n`), object(SHA_A, "blob", Buffer.from("b\n"))]),
      ["lost.ts", "kept.ts"],
      [
        ["lost.ts", { kind: "missing" }],
        ["kept.ts", { kind: "text", text: "b\n" }],
      ],
    ],
    [
      "an object that is not a blob reads as missing, and is skipped whole",
      Buffer.concat([object(SHA_C, "tree", Buffer.from("100644 x\0abc")), object(SHA_A, "blob", Buffer.from("ünï\n"))]),
      ["dir", "u.ts"],
      [
        ["dir", { kind: "missing" }],
        ["u.ts", { kind: "text", text: "ünï\n" }],
      ],
    ],
    [
      "a blob holding newlines and a header-like line is read by its size",
      Buffer.concat([
        object(SHA_A, "blob", Buffer.from(`one\n${SHA_B} blob 3\ntwo\n`)),
        object(SHA_B, "blob", Buffer.from("end")),
      ]),
      ["a.ts", "b.ts"],
      [
        ["a.ts", { kind: "text", text: `one\n${SHA_B} blob 3\ntwo\n` }],
        ["b.ts", { kind: "text", text: "end" }],
      ],
    ],
  ])("%s", (_case, out, paths, contents) => {
    expect([...parseCatFileBatch(out, paths)]).toEqual(contents);
  });
});

describe("parseBatchCheck: `git cat-file --batch-check`", () => {
  it.each<[string, string, string[]]>([
    ["every blob present", `${SHA_A} blob 6\n${SHA_B} blob 5\n`, []],
    ["the missing ones, by SHA", `${SHA_A} blob 6\n${SHA_B} missing\n${SHA_C} missing\n`, [SHA_B, SHA_C]],
    ["nothing asked", "", []],
  ])("%s", (_case, text, missing) => {
    expect([...parseBatchCheck(text)]).toEqual(missing);
  });
});
