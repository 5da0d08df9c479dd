import { patchLines } from "../../../src/analyse/risk/patch-lines.js";
import { numberedPatch } from "../../../src/analyse/risk/numbered-patch.js";
import { createMemoryChange } from "../../../src/gather/memory-change.js";

/** The numbers the model cites: an added line's head line, a removed line's place in the head, as risk places it. */
describe("a patch numbered line by line, for risk and the second reader", () => {
  it.each([
    {
      name: "an added line, between unchanged ones, is its head line",
      patch: "@@ -1,2 +1,3 @@\n a\n+new\n b",
      lines: [
        { kind: "context", line: 1, text: "a" },
        { kind: "added", line: 2, text: "new" },
        { kind: "context", line: 3, text: "b" },
      ],
    },
    {
      name: "a removed line is where the removal sits in the head, with its base line",
      patch: "@@ -1,4 +1,4 @@\n a\n+inserted\n b\n-gone\n c",
      lines: [
        { kind: "context", line: 1, text: "a" },
        { kind: "added", line: 2, text: "inserted" },
        { kind: "context", line: 3, text: "b" },
        { kind: "removed", line: 4, baseLine: 3, headLine: 4, text: "gone" },
        { kind: "context", line: 4, text: "c" },
      ],
    },
    {
      name: "a removal ending the file sits at the head's last line",
      patch: "@@ -1,2 +1 @@\n a\n-gone",
      lines: [
        { kind: "context", line: 1, text: "a" },
        { kind: "removed", line: 1, baseLine: 2, headLine: 1, text: "gone" },
      ],
    },
    {
      name: "removals where the new side is empty sit at the head line it names (`+2,0`: after line 2)",
      patch: "@@ -3,2 +2,0 @@\n-x\n-y",
      lines: [
        { kind: "removed", line: 2, baseLine: 3, headLine: 2, text: "x" },
        { kind: "removed", line: 2, baseLine: 4, headLine: 2, text: "y" },
      ],
    },
    {
      name: "a deleted file's lines, with no head line left, are their base lines",
      patch: "@@ -1,2 +0,0 @@\n-x\n-y",
      lines: [
        { kind: "removed", line: 1, baseLine: 1, text: "x" },
        { kind: "removed", line: 2, baseLine: 2, text: "y" },
      ],
    },
    {
      name: "`\\ No newline at end of file` and the patch's final newline are no lines",
      patch: "@@ -1 +1 @@\n-old\n\\ No newline at end of file\n+new\n",
      lines: [
        { kind: "removed", line: 1, baseLine: 1, headLine: 1, text: "old" },
        { kind: "added", line: 1, text: "new" },
      ],
    },
  ])("$name", ({ patch, lines }) => {
    expect(numberedPatch(patch).filter((l) => l.kind !== "hunk")).toEqual(lines);
  });

  it("keeps each hunk's header, so the model sees where a hunk starts", () => {
    expect(numberedPatch("@@ -1 +1 @@ function f()\n-a\n+b")[0]).toEqual({
      kind: "hunk",
      line: 0,
      text: "@@ -1 +1 @@ function f()",
    });
  });

  it("numbers every changed line as risk's patch lines do, on minimal diffs of several hunks", async () => {
    const base = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const head = [...base];
    head.splice(2, 1, "changed 3", "added 3b");
    head.splice(20, 3);
    head.splice(35, 0, "added at the end");
    const change = createMemoryChange({
      base: { "a.txt": base.join("\n") + "\n" },
      head: { "a.txt": head.join("\n") + "\n" },
      patches: "minimal",
    });
    const [file] = await change.files();
    const risk = patchLines(file?.patch);
    const ours = numberedPatch(file?.patch);
    expect(ours.filter((l) => l.kind === "added").map(({ line, text }) => ({ line, text }))).toEqual(risk.added);
    expect(
      ours
        .filter((l) => l.kind === "removed")
        .map(({ line, baseLine, text }) => ({ line: baseLine, text, headLine: line })),
    ).toEqual(risk.removed);
  });
});
