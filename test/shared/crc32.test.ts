import { crc32 as zlibCrc32 } from "node:zlib";
import { crc32 } from "../../src/shared/crc32.js";

describe("crc32: the checksum GitHub tokens carry", () => {
  it.each([
    // The check value of CRC-32/ISO-HDLC, the one every CRC catalogue lists.
    ["123456789", 0xcbf43926],
    ["", 0],
    ["a", 0xe8b7be43],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("%j has the catalogue's checksum", (text, expected) => {
    expect(crc32(text)).toBe(expected);
  });

  it("agrees with zlib's on random base62 strings and on non-ASCII text", () => {
    const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const texts = ["héllo wörld ✓", "ghp_", "\u0000\u00ff"];
    let seed = 7;
    for (let i = 0; i < 50; i++) {
      let text = "";
      for (let j = 0; j < 30; j++) text += base62[(seed = (seed * 48271) % 2147483647) % 62];
      texts.push(text);
    }
    for (const text of texts) expect(crc32(text)).toBe(zlibCrc32(text));
  });
});
