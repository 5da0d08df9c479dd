import { fitNonNegativeLogistic, linearScores } from "../../eval/fit-logistic.js";
import { seededRandom } from "../../eval/seeded-random.js";

describe("a non-negative logistic regression", () => {
  // 2,000 rows: feature 0 raises the odds, feature 1 is noise, feature 2 lowers them.
  const random = seededRandom(7);
  const x = Array.from({ length: 2000 }, () => [random() < 0.3 ? 1 : 0, random(), random() < 0.5 ? 1 : 0]);
  const y = x.map(([a = 0, , c = 0]) => random() < 1 / (1 + Math.exp(-(-2 + 2 * a - 1 * c))));

  it("finds the feature that raises the odds, and gives the others no weight rather than a negative one", () => {
    const fit = fitNonNegativeLogistic(x, y);
    expect(fit.weights[0]).toBeGreaterThan(1.4);
    expect(fit.weights[0]).toBeLessThan(2.6);
    expect(fit.weights[1]).toBeLessThan(0.3);
    expect(fit.weights[2]).toBe(0);
  });

  it("ranks rows by their weighted features", () => {
    expect(
      linearScores({ intercept: -3, weights: [2, 0.5] }, [
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
    ).toEqual([2, 0.5, 2.5]);
  });

  it("refuses labels that do not match the rows", () => {
    expect(() => fitNonNegativeLogistic([[1]], [true, false])).toThrow("cannot fit 1 rows against 2 labels");
  });
});
