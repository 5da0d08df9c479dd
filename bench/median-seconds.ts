/** The median wall-clock seconds of `work` over `runs` runs, one after another: the figure the benchmark quotes. */
export async function medianSeconds(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}
