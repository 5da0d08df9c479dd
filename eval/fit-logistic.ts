/** A logistic regression: log-odds = intercept + Σ weight·x. */
export interface LogisticFit {
  readonly intercept: number;
  readonly weights: readonly number[];
}

export interface FitOptions {
  /** Ridge penalty on the weights (not the intercept): keeps a rare signal from a wild weight. */
  readonly l2?: number;
  readonly iterations?: number;
  readonly step?: number;
}

/**
 * A logistic regression whose weights may not be negative, fitted by projected gradient descent
 * on the mean log-loss. A risk signal only ever adds points, so a signal the data says lowers the
 * odds gets weight 0, not a negative one. Features are expected in [0, 1] (signal strengths).
 */
export function fitNonNegativeLogistic(
  x: readonly (readonly number[])[],
  y: readonly boolean[],
  { l2 = 0.01, iterations = 4000, step = 1 }: FitOptions = {},
): LogisticFit {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  if (n === 0 || n !== y.length) throw new Error(`cannot fit ${n} rows against ${y.length} labels`);
  let intercept = Math.log((y.filter(Boolean).length + 0.5) / (n - y.filter(Boolean).length + 0.5));
  const weights = new Array<number>(k).fill(0);
  for (let it = 0; it < iterations; it++) {
    let gIntercept = 0;
    const g = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const row = x[i] as readonly number[];
      let z = intercept;
      for (let j = 0; j < k; j++) z += (weights[j] as number) * (row[j] as number);
      const error = 1 / (1 + Math.exp(-z)) - (y[i] ? 1 : 0);
      gIntercept += error;
      for (let j = 0; j < k; j++) g[j] = (g[j] as number) + error * (row[j] as number);
    }
    intercept -= (step * gIntercept) / n;
    for (let j = 0; j < k; j++) {
      const grad = (g[j] as number) / n + l2 * (weights[j] as number);
      weights[j] = Math.max(0, (weights[j] as number) - step * grad);
    }
  }
  return { intercept, weights };
}

/** The fitted log-odds of each row, without the intercept: what ranks the rows. */
export function linearScores(fit: LogisticFit, x: readonly (readonly number[])[]): number[] {
  return x.map((row) => row.reduce((sum, v, j) => sum + v * (fit.weights[j] ?? 0), 0));
}
