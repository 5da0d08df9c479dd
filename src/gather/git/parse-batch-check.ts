/** The SHAs `git cat-file --batch-check` says are missing (`<sha> missing` lines). */
export function parseBatchCheck(text: string): Set<string> {
  return new Set(
    text
      .split("\n")
      .filter((line) => line.endsWith(" missing"))
      .map((line) => line.slice(0, -" missing".length)),
  );
}
