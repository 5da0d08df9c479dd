import { signalSeen, type SignalCase } from "./signal-seen.js";

const png = (n: number) => new Uint8Array([0x89, 0x50, 0, n]);

describe("binary: binary files added or changed", () => {
  it.each<SignalCase>([
    { name: "text files are not binary", head: { "src/a.ts": "x\n" }, seen: undefined },
    { name: "a deleted binary file is nothing to review", base: { "logo.png": png(1) }, head: {}, seen: undefined },
    {
      name: "an added binary file is a third",
      head: { "logo.png": png(1) },
      seen: {
        points: 5,
        detail: "1 binary file: logo.png (added)",
        file: "logo.png",
        evidence: [{ file: "logo.png", what: "added" }],
      },
    },
    {
      name: "three binary files, added or changed, are full strength",
      base: { "a.bin": png(1) },
      head: { "a.bin": png(2), "b.bin": png(3), "c.bin": png(4) },
      seen: {
        points: 15,
        detail: "3 binary files: a.bin (changed), b.bin (added), c.bin (added)",
        file: "a.bin",
        evidence: [
          { file: "a.bin", what: "changed" },
          { file: "b.bin", what: "added" },
          { file: "c.bin", what: "added" },
        ],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("binary", { base, head, renames })).toEqual(seen);
  });

  it("a binary file the score ignores still counts: a test fixture can carry a payload, as xz's did", async () => {
    expect(
      await signalSeen(
        "binary",
        { base: {}, head: { "tests/files/good-large_compressed.lzma": png(1) } },
        'version: 1\nignore: ["tests/**"]\n',
      ),
    ).toEqual({
      points: 5,
      detail: "1 binary file: tests/files/good-large_compressed.lzma (added)",
      file: "tests/files/good-large_compressed.lzma",
      evidence: [{ file: "tests/files/good-large_compressed.lzma", what: "added" }],
    });
  });
});
