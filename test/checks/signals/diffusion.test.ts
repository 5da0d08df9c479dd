import { shannonBits } from "../../../src/shared/shannon-bits.js";
import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

const score = `version: 1\nignore: ["test/**"]\n`;
const code = (n: number) => lines(n, (i) => `export const v${i} = ${i};`);
/** `n` files in `n` folders, each with `each` changed lines. */
const spread = (n: number, each: number, root = "src") =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${root}/d${i}/f.ts`, code(each)]));

describe("diffusion: how scattered the change is", () => {
  it.each<SignalCase>([
    { name: "one big file is focused", head: { "src/a/big.ts": code(400) }, seen: undefined },
    {
      name: "three folders, one of them carrying the change, is focused",
      head: { "src/a/big.ts": code(200), "src/b/x.ts": code(2), "src/c/y.ts": code(2) },
      seen: undefined,
    },
    {
      name: "lines spread evenly over eight folders: entropy 3 bits, folders 5/12 of the points",
      head: spread(8, 10),
      seen: { points: 2, detail: "spread over 8 folders and 8 files (entropy 3.0 bits)", evidence: [] },
    },
    {
      name: "fifteen folders and more is full strength",
      head: spread(16, 3),
      seen: { points: 4, detail: "spread over 16 folders and 16 files (entropy 4.0 bits)", evidence: [] },
    },
    {
      name: "ignored files, lockfiles and binaries do not scatter a change",
      head: {
        ...spread(2, 10),
        ...spread(10, 10, "test"),
        "a/package-lock.json": code(5),
        "b/yarn.lock": code(5),
        "c/logo.png": new Uint8Array([0, 1, 2]),
      },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, seen }) => {
    expect(await signalSeen("diffusion", { base, head }, score)).toEqual(seen);
  });

  it.each([
    [[10], 0],
    [[5, 5], 1],
    [[1, 1, 1, 1], 2],
    [[0, 4, 4], 1],
  ])("the entropy of lines %j is %d bits", (counts, bits) => {
    expect(shannonBits(counts)).toBeCloseTo(bits);
  });
});
