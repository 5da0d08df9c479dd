import { findContention, MAX_IMPORTERS_READ, type OpenPull } from "../../../src/analyse/contention/index.js";
import { createMemoryChange, type MemoryChangeOptions } from "../../../src/gather/memory-change.js";
import { parseScore } from "../../../src/score/parse-score.js";

const SCORE = `version: 1
ignore: ["docs/**", "src/ui/generated/**"]
modules:
  - name: core
    paths: ["src/core/**"]
    public: ["src/core/index.ts"]
  - name: ui
    paths: ["src/ui/**"]
  - name: api
    paths: ["src/api/**"]
`;

const base = {
  "src/core/index.ts": "export const run = () => 1;\n",
  "src/ui/page.ts": 'import { run } from "../core/index";\nexport const page = run;\n',
  "src/ui/button.ts": "export const button = 1;\n",
  "src/api/server.ts": "export const server = 1;\n",
  "src/api/client.ts": 'import { button } from "../ui/button";\nexport const client = button;\n',
  "src/core/engine.ts": 'import { run } from "./index";\nexport const engine = run;\n',
  "docs/guide.md": "# guide\n",
  "README.md": "# readme\n",
};

function pull(number: number, files: string[] | undefined, extra: Partial<OpenPull> = {}): OpenPull {
  return {
    number,
    author: `dev${number}`,
    branch: `feature/${number}`,
    labels: [],
    headSha: `sha${number}`,
    updatedAt: "2026-01-01T00:00:00Z",
    ...(files ? { files } : {}),
    filesComplete: true,
    ...extra,
  };
}

async function contend(
  head: MemoryChangeOptions["head"],
  pulls: OpenPull[],
  options: Partial<MemoryChangeOptions> = {},
) {
  const parsed = parseScore(SCORE);
  if (!parsed.ok) throw new Error("bad score");
  return findContention({
    score: parsed.score,
    change: createMemoryChange({ base, head, ...options }),
    others: { base: "main", pulls, more: false },
    pullNumber: 7,
    playerOf: (p) => ({ agent: p.author === "dev3" ? "copilot" : p.author, human: p.author !== "dev3" }),
  });
}

describe("overlap between the PR under review and the other open PRs", () => {
  it("the same file is strong, names the file and the module, and who plays the other PR", async () => {
    const found = await contend({ ...base, "src/ui/button.ts": "export const button = 2;\n" }, [
      pull(3, ["src/ui/button.ts", "src/api/server.ts"], { verdict: "conductor" }),
    ]);
    expect(found.contention).toEqual([
      {
        pr: 3,
        agent: "copilot",
        author: "dev3",
        human: false,
        files: ["src/ui/button.ts"],
        modules: ["ui"],
        api: [],
        strength: "strong",
        verdict: "conductor",
      },
    ]);
    expect(found.overlaps[0]?.at).toBe("src/ui/button.ts");
  });

  it("the same module only is weak; a file in no module or an ignored file makes no module overlap", async () => {
    const found = await contend(
      { ...base, "src/ui/button.ts": "x;\n", "README.md": "# new\n", "docs/guide.md": "#\n" },
      [pull(3, ["src/ui/page.ts"]), pull(4, ["README.md.orig", "docs/other.md", "src/ui/generated/icons.ts"])],
    );
    expect(found.contention.map((c) => [c.pr, c.strength, c.files, c.modules])).toEqual([[3, "weak", [], ["ui"]]]);
  });

  it("an ignored file both change still counts as the same file", async () => {
    const found = await contend({ ...base, "docs/guide.md": "# new\n" }, [pull(4, ["docs/guide.md"])]);
    expect(found.contention.map((c) => [c.pr, c.strength, c.files, c.modules])).toEqual([
      [4, "strong", ["docs/guide.md"], []],
    ]);
    expect(found.overlaps[0]?.at).toBe("docs/guide.md");
  });

  it("this PR moves a module's public file while the other PR's files import that module: strong, the API moves", async () => {
    const found = await contend({ ...base, "src/core/index.ts": "export const run = (x: number) => x;\n" }, [
      pull(5, ["src/ui/page.ts"]),
      pull(6, ["src/ui/button.ts"]),
    ]);
    expect(found.contention.map((c) => [c.pr, c.strength, c.api, c.modules])).toEqual([[5, "strong", ["core"], []]]);
    expect(found.overlaps[0]?.at).toBe("src/core/index.ts");
  });

  it("the other PR moves a public file while this PR's changed files import that module: strong, the API moves", async () => {
    const found = await contend(
      { ...base, "src/ui/page.ts": 'import { run } from "../core/index";\nexport const p = run;\n' },
      [pull(5, ["src/core/index.ts"]), pull(6, ["src/core/engine.ts"])],
    );
    expect(found.contention.map((c) => [c.pr, c.strength, c.api])).toEqual([[5, "strong", ["core"]]]);
    expect(found.overlaps[0]?.at).toBe("src/ui/page.ts");
  });

  it("a module's own files importing its public file are no importer: the same module only, weak", async () => {
    const found = await contend({ ...base, "src/core/index.ts": "export const run = (x: number) => x;\n" }, [
      pull(5, ["src/core/engine.ts"]),
    ]);
    expect(found.contention.map((c) => [c.pr, c.strength, c.api, c.modules])).toEqual([[5, "weak", [], ["core"]]]);
  });

  it("a module that declares no public files has no API to move", async () => {
    const found = await contend({ ...base, "src/ui/button.ts": "export const button = 3;\n" }, [
      pull(6, ["src/api/client.ts"]),
    ]);
    expect(found.contention).toEqual([]);
  });

  it("a renamed file overlaps by its old name too", async () => {
    const { "src/ui/button.ts": button, ...rest } = base;
    const found = await contend({ ...rest, "src/ui/knob.ts": button }, [pull(3, ["src/ui/button.ts"])], {
      renames: { "src/ui/knob.ts": "src/ui/button.ts" },
    });
    expect(found.contention.map((c) => [c.pr, c.files])).toEqual([[3, ["src/ui/button.ts"]]]);
  });

  it("an unreadable other PR is named unread, never taken for no overlap; one listed in part is named partial", async () => {
    const found = await contend({ ...base, "src/ui/button.ts": "x;\n" }, [
      pull(3, undefined),
      pull(4, ["src/api/server.ts"], { filesComplete: false }),
      pull(7, ["src/ui/button.ts"]),
    ]);
    expect(found.contention).toEqual([]);
    expect(found.orchestra).toEqual({
      base: "main",
      modules: ["ui"],
      compared: 1,
      more: false,
      unread: [3],
      partial: [4],
      mergeOrder: [],
    });
  });

  it("entries go strong first, then by shared files, then by number, each with at most 20 files", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`src/api/f${i}.ts`, `export const f = ${i};\n`]),
    );
    const found = await contend(
      { ...base, ...many, "src/ui/button.ts": "x;\n", "src/core/index.ts": "export const run = () => 2;\n" },
      [
        pull(2, ["src/ui/new.ts"]),
        pull(9, ["src/ui/button.ts"]),
        pull(8, ["src/ui/button.ts"]),
        pull(11, ["src/ui/page.ts"]),
        pull(10, Object.keys(many)),
      ],
    );
    expect(found.contention.map((c) => [c.pr, c.strength, c.files.length])).toEqual([
      [10, "strong", 20],
      [8, "strong", 1],
      [9, "strong", 1],
      [11, "strong", 0],
      [2, "weak", 0],
    ]);
    expect(found.contention[0]?.files.slice(0, 3)).toEqual(["src/api/f0.ts", "src/api/f1.ts", "src/api/f10.ts"]);
  });

  it("the merge order puts first the PR whose merge invalidates fewer of the open PRs", async () => {
    // #3 shares button.ts with this PR and page.ts with #4: its merge invalidates two PRs; this PR and #4 (which
    // overlaps this one by module only) one each, and #4 changes fewer files.
    const found = await contend({ ...base, "src/ui/button.ts": "x;\n", "src/ui/new.ts": "y;\n" }, [
      pull(3, ["src/ui/button.ts", "src/ui/page.ts"]),
      pull(4, ["src/ui/page.ts"]),
    ]);
    expect(found.orchestra.mergeOrder).toEqual([4, 7, 3]);
    expect(found.orchestra.compared).toBe(2);
  });

  it("past the most files read for imports, an other PR is compared by files and modules only, and named partial", async () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_IMPORTERS_READ }, (_, i) => [`src/api/g${i}.ts`, `export const g = ${i};\n`]),
    );
    const parsed = parseScore(SCORE);
    if (!parsed.ok) throw new Error("bad score");
    const found = await findContention({
      score: parsed.score,
      change: createMemoryChange({
        base: { ...base, ...many },
        head: { ...base, ...many, "src/core/index.ts": "export const run = (x: number) => x;\n" },
      }),
      others: {
        base: "main",
        more: false,
        pulls: [pull(5, ["src/ui/page.ts"]), pull(6, [...Object.keys(many), "src/ui/page.ts"])],
      },
      playerOf: (p) => ({ agent: p.author, human: true }),
    });
    expect(found.contention.map((c) => [c.pr, c.api])).toEqual([[5, ["core"]]]);
    expect(found.orchestra.partial).toEqual([6]);
  });
});
