import { commitsCsv } from "../../eval/commits-csv.js";
import { FIVE_ROWS, judgedRow } from "./judged-rows.js";

/** RFC 4180 read back: enough to check what a spreadsheet would show. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe("commitsCsv", () => {
  const failed = [
    {
      sha: "z",
      date: "2025-02-01",
      subject: "huge",
      fixedBy: ["f9"],
      revertedBy: [],
      error: "timed out after 300000 ms",
    },
  ];
  const rows = [
    ...FIVE_ROWS,
    judgedRow("q", { subject: 'Revert "a, b" (#12)', reasons: ["risk 45 ≥ review_at 40", "touches .github"] }),
  ];
  const table = parseCsv(commitsCsv(rows, failed, ["size", "untested", "secrets"]));
  const header = table[0] as string[];
  const column = (row: string[] | undefined, name: string) => row?.[header.indexOf(name)];

  it("has one row per judged or failed commit, each as wide as the header", () => {
    expect(table).toHaveLength(1 + rows.length + failed.length);
    for (const row of table) expect(row).toHaveLength(header.length);
  });

  it("gives each commit's labels, size, risk, verdict and each signal's points", () => {
    const a = table[1];
    expect([column(a, "sha"), column(a, "fix_inducing"), column(a, "reverted"), column(a, "fixed_by")]).toEqual([
      "a",
      "1",
      "0",
      "f1",
    ]);
    expect([column(a, "lines"), column(a, "risk"), column(a, "verdict")]).toEqual(["100", "50", "conductor"]);
    expect([column(a, "signal_size"), column(a, "signal_untested"), column(a, "signal_secrets")]).toEqual([
      "20",
      "15",
      "0",
    ]);
    expect([
      column(a, "files_changed"),
      column(a, "lines_added"),
      column(a, "directories"),
      column(a, "modules"),
    ]).toEqual(["1", "1", "1", "1"]);
  });

  it("keeps a subject with commas and quotes whole, and the reasons readable", () => {
    const q = table[rows.length];
    expect(column(q, "subject")).toBe('Revert "a, b" (#12)');
    expect(column(q, "reasons")).toBe("risk 45 ≥ review_at 40 | touches .github");
  });

  it("names a commit that could not be judged, with its labels and why", () => {
    const z = table[table.length - 1];
    expect([column(z, "sha"), column(z, "fix_inducing"), column(z, "verdict"), column(z, "error")]).toEqual([
      "z",
      "1",
      "error",
      "timed out after 300000 ms",
    ]);
  });
});
