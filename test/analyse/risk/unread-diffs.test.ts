import type { Change, ChangedFile, FileContent } from "../../../src/gather/change.js";
import { reviewChange } from "../../../src/review/review-change.js";
import { parseScore } from "../../../src/score/parse-score.js";

const parsed = parseScore(`version: 1\nignore: ["test/**"]\nmodules:\n  - name: app\n    paths: ["src/**"]\n`);
if (!parsed.ok) throw new Error("fixture score is invalid");
const score = parsed.score;

/** A change as an adapter hands it over: the listing alone, every file's text at head. */
function listedChange(files: ChangedFile[]): Change {
  const head = new Map<string, FileContent>(files.map((f) => [f.path, { kind: "text", text: "" }]));
  return {
    baseSha: "base",
    headSha: "head",
    files: async () => files,
    tree: async (side) => (side === "head" ? files.map((f) => f.path) : []),
    read: async (side, paths) =>
      new Map(paths.map((p) => [p, (side === "head" && head.get(p)) || { kind: "missing" }])),
  };
}

const tested: ChangedFile = {
  path: "test/a.test.ts",
  status: "added",
  additions: 1,
  deletions: 0,
  binary: false,
  patch: "@@ -0,0 +1 @@\n+test()",
};

describe("a changed file the risk signals could not read", () => {
  it("a text file with changed lines and no patch is named unjudged, never taken for no change", async () => {
    const bundle: ChangedFile = {
      path: "src/bundle.js",
      status: "modified",
      additions: 1,
      deletions: 1,
      binary: false,
    };
    const { verdict } = await reviewChange({ score, change: listedChange([bundle, tested]), scope: "change" });
    expect(verdict.notes).toEqual([
      {
        file: "src/bundle.js",
        unjudged: true,
        message: "src/bundle.js: its diff could not be read: not judged for risk",
      },
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toEqual(["1 changed file could not be judged: a conductor must look (src/bundle.js)"]);
  });

  it("a file the adapter could not read says why", async () => {
    const lost: ChangedFile = {
      path: "config/app.yml",
      status: "modified",
      additions: 0,
      deletions: 0,
      binary: false,
      unreadable: "git cannot read blob 123",
    };
    const { verdict } = await reviewChange({ score, change: listedChange([lost, tested]), scope: "change" });
    expect(verdict.notes).toEqual([
      {
        file: "config/app.yml",
        unjudged: true,
        message: "config/app.yml: its diff could not be read (git cannot read blob 123): not judged for risk",
      },
    ]);
    expect(verdict.verdict).toBe("conductor");
  });

  it("a binary file, an empty new file and a mode change have no patch and need none", async () => {
    const files: ChangedFile[] = [
      { path: "assets/logo.png", status: "added", additions: 0, deletions: 0, binary: true },
      { path: "src/empty.ts", status: "added", additions: 0, deletions: 0, binary: false },
      { path: "scripts/run.sh", status: "modified", additions: 0, deletions: 0, binary: false },
      tested,
    ];
    const { verdict } = await reviewChange({ score, change: listedChange(files), scope: "change" });
    expect(verdict.notes.filter((n) => n.unjudged)).toEqual([]);
  });
});
