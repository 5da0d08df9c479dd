import { seededRandom } from "./seeded-random.js";

export interface SampleInput {
  /** The first-parent commits of the window, oldest first. */
  readonly window: readonly string[];
  /** Window commits with each label. */
  readonly fixInducing: ReadonlySet<string>;
  readonly reverted: ReadonlySet<string>;
  /** At most this many labelled commits (a quick run); absent: all of them. */
  readonly cap?: number;
  /** Other commits per labelled one. */
  readonly ratio?: number;
  readonly seed: number | string;
}

export interface Sample {
  /** In history order. */
  readonly labelled: readonly string[];
  readonly others: readonly string[];
}

/**
 * Every labelled commit of the window (or `cap` of them, drawn at random), and `ratio` times as
 * many unlabelled ones drawn at random from the same window. Under a cap, reverted commits are
 * drawn first, up to half of it: they are a few against hundreds of fix-inducing ones, and a
 * uniform draw would leave the reverted label with no AUC at all.
 */
export function sampleCommits(input: SampleInput): Sample {
  const random = seededRandom(input.seed);
  const inWindow = new Set(input.window);
  const reverted = input.window.filter((sha) => input.reverted.has(sha));
  const fixOnly = input.window.filter((sha) => input.fixInducing.has(sha) && !input.reverted.has(sha));
  let labelled: string[];
  if (input.cap === undefined || input.cap >= reverted.length + fixOnly.length) {
    labelled = [...reverted, ...fixOnly];
  } else {
    const want = Math.max(Math.ceil(input.cap / 2), input.cap - fixOnly.length);
    const takeReverted = draw(reverted, Math.min(reverted.length, want), random);
    labelled = [...takeReverted, ...draw(fixOnly, input.cap - takeReverted.length, random)];
  }
  const others = input.window.filter((sha) => !input.fixInducing.has(sha) && !input.reverted.has(sha));
  const chosenOthers = draw(others, labelled.length * (input.ratio ?? 10), random);
  const order = new Map(input.window.map((sha, i) => [sha, i]));
  const byHistory = (list: string[]) =>
    list.filter((sha) => inWindow.has(sha)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { labelled: byHistory(labelled), others: byHistory(chosenOthers) };
}

/** `count` items drawn without replacement (a partial Fisher–Yates shuffle). */
function draw(items: readonly string[], count: number, random: () => number): string[] {
  const pool = [...items];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, n);
}
