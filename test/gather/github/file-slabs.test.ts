import { createFileSlabs } from "../../../src/gather/github/file-slabs.js";

/** `size` bytes of a pattern that names `i`, split in chunks as the archive streams them. */
function chunksOf(i: number, size: number, chunk = 16 * 1024): { chunks: Uint8Array[]; whole: Buffer } {
  const whole = Buffer.alloc(size, `file ${i};`);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < size; at += chunk) chunks.push(whole.subarray(at, Math.min(size, at + chunk)));
  return { chunks, whole };
}

describe("a snapshot's kept files, side by side in slabs", () => {
  it("gives back every file whole and apart, across slab boundaries and beside files stored alone", () => {
    const slabs = createFileSlabs();
    // 6 KB sources by the thousand fill more than one slab; 9 MB files are stored alone; empty files are files too.
    const sizes = [...Array.from({ length: 6_000 }, (_, i) => 5_000 + (i % 7) * 300), 9 * 1024 * 1024, 0, 12_345];
    const stored = sizes.map((size, i) => {
      const { chunks, whole } = chunksOf(i, size);
      return { file: slabs.store(chunks, size), whole };
    });
    for (const { file, whole } of stored) expect(Buffer.from(file).equals(whole)).toBe(true);
    expect(slabs.bytes()).toBe(sizes.reduce((sum, size) => sum + size, 0));
  });
});
