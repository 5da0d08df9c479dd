import { patchLines } from "../../../src/analyse/risk/patch-lines.js";

/** Where a removed line is shown in the head: annotations live on the head file, never at a base line number. */
describe("a removed line's place in the head", () => {
  it("is the head line that now follows it inside the hunk", () => {
    const { removed } = patchLines("@@ -1,4 +1,4 @@\n a\n+inserted\n b\n-gone\n c");
    expect(removed).toEqual([{ line: 3, text: "gone", headLine: 4 }]);
  });

  it("is the line before it when the removal ends the file", () => {
    expect(patchLines("@@ -1,2 +1 @@\n a\n-gone").removed).toEqual([{ line: 2, text: "gone", headLine: 1 }]);
  });

  it("is the line an empty new side names (`+2,0`: after head line 2), as unified diff defines it", () => {
    expect(patchLines("@@ -3,2 +2,0 @@\n-x\n-y").removed.map((r) => r.headLine)).toEqual([2, 2]);
  });

  it("is nothing when the head has no line left", () => {
    expect(patchLines("@@ -1,2 +0,0 @@\n-x\n-y").removed.map((r) => r.headLine)).toEqual([undefined, undefined]);
  });
});
