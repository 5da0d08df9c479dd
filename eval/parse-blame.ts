/**
 * The commits `git blame --porcelain` names, line by line, leaving out boundary commits: a line
 * blamed on the boundary was last touched at or before it, outside what was asked.
 */
export function parseBlame(porcelain: string): string[] {
  const blamed: string[] = [];
  const boundary = new Set<string>();
  let current: string | undefined;
  const pending: string[] = [];
  for (const line of porcelain.split("\n")) {
    const header = /^([0-9a-f]{40}) \d+ \d+/.exec(line);
    if (header) {
      current = header[1] as string;
      pending.push(current);
    } else if (line === "boundary" && current) boundary.add(current);
  }
  for (const sha of pending) if (!boundary.has(sha)) blamed.push(sha);
  return blamed;
}
