export interface Counts {
  readonly additions: number;
  readonly deletions: number;
  readonly binary: boolean;
}

/** `add\tdel\tpath\0` or, for a rename, `add\tdel\t\0old\0new\0`; `-\t-` marks a binary file. Keyed by path at head. */
export function parseNumstat(text: string): Map<string, Counts> {
  const fields = text.split("\0");
  const counts = new Map<string, Counts>();
  for (let i = 0; i < fields.length - 1;) {
    const record = fields[i++] as string;
    const [add = "0", del = "0"] = record.split("\t");
    const inline = record.slice(add.length + del.length + 2);
    let path = inline;
    if (inline === "") {
      i++; // the path at base
      path = fields[i++] as string;
    }
    const earlier = counts.get(path);
    const binary = add === "-" && del === "-";
    counts.set(path, {
      additions: (earlier?.additions ?? 0) + (Number(add) || 0),
      deletions: (earlier?.deletions ?? 0) + (Number(del) || 0),
      binary: (earlier?.binary ?? false) || binary,
    });
  }
  return counts;
}
