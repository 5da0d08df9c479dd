import { mergeOrder, type Contender } from "../../../src/analyse/contention/index.js";

interface Pr extends Contender {
  readonly strongWith: readonly number[];
}

const pr = (number: number, files: number, strongWith: number[] = []): Pr => ({ pr: number, files, strongWith });
const strong = (a: Pr, b: Pr) => a.strongWith.includes(b.pr) || b.strongWith.includes(a.pr);

describe("the suggested merge order", () => {
  it("the PR whose merge invalidates fewer open PRs goes first, counting PRs outside the candidates", () => {
    const me = pr(7, 1, [3, 5]);
    const three = pr(3, 9);
    const five = pr(5, 9, [11, 12]);
    const all = [me, three, five, pr(11, 1), pr(12, 1)];
    expect(mergeOrder([me, three, five], all, strong)).toEqual([3, 7, 5]);
  });

  it("ties go to fewer changed files, then to the lower number", () => {
    const me = pr(7, 4, [3, 5, 2]);
    const all = [me, pr(3, 2), pr(5, 1), pr(2, 2)];
    expect(mergeOrder(all, all, strong)).toEqual([5, 2, 3, 7]);
  });
});
