import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { CUT_MARK, cutToTokens } from "../../../src/analyse/reader/cut-to-tokens.js";

const count = (text: string) => countTokens(text);
const long = "The pull request explains itself at length. ".repeat(200);

describe("cutting a text to a number of tokens", () => {
  it("keeps a text that fits whole", () => {
    expect(cutToTokens("short", 10, count)).toBe("short");
  });

  it("keeps the longest start that fits with the cut mark, and says it was cut", () => {
    const cut = cutToTokens(long, 100, count);
    expect(count(cut)).toBeLessThanOrEqual(100);
    expect(count(cut)).toBeGreaterThan(95);
    expect(cut.endsWith(`\n${CUT_MARK}`)).toBe(true);
    expect(long.startsWith(cut.slice(0, -CUT_MARK.length - 1))).toBe(true);
  });

  it("is the mark alone when nothing fits", () => {
    expect(cutToTokens(long, 3, count)).toBe(CUT_MARK);
  });

  it("never cuts an emoji in two", () => {
    // Room for 7 UTF-16 units: three emoji and half of a fourth.
    const cut = cutToTokens("😀".repeat(50), CUT_MARK.length + 1 + 7, (t) => t.length);
    expect(cut).toBe(`😀😀😀\n${CUT_MARK}`);
  });
});
