import { createMemoryChange, type MemoryChangeFaults, type Tree } from "../../src/gather/memory-change.js";
import { reviewChange } from "../../src/review/review-change.js";
import { parseScore } from "../../src/score/parse-score.js";

/**
 * What the core does when the change fails it, method by method: a method that throws fails the
 * review with that very error (the app then says "could not review"), and a file read as too large,
 * binary or missing is named unjudged in the verdict, which then needs a conductor. Never a pass.
 */
const parsed = parseScore(`version: 1
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
    public: ["src/domain/index.ts"]
  - name: infra
    paths: ["src/infra/**", "packages/infra/**"]
    may_use: [domain]
`);
if (!parsed.ok) throw new Error("fixture score is invalid");
const score = parsed.score;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const BASE: Tree = {
  "package.json": json({ name: "shop", workspaces: ["packages/*"], dependencies: { zod: "4.0.0" } }),
  "packages/infra/package.json": json({ name: "@acme/infra" }),
  "packages/infra/index.ts": "export const db = {};\n",
  "tsconfig.json": json({ compilerOptions: { baseUrl: ".", paths: { "@domain/*": ["src/domain/*"] } } }),
  "src/domain/index.ts": "export const total = (n: number) => n;\nexport const zero = 0;\n",
  "src/domain/order.ts": "export const order = 1;\n",
};
/** A clean change: without a fault it passes. */
const HEAD: Tree = {
  ...BASE,
  "src/domain/order.ts": `import { total } from "@domain/index";\nexport const order = total(1);\n`,
};

function review(faults: MemoryChangeFaults | undefined, scope: "change" | "all" = "change", head: Tree = HEAD) {
  return reviewChange({
    score,
    change: createMemoryChange({ base: BASE, head, ...(faults ? { faults } : {}) }),
    scope,
  });
}

describe("the in-memory change's faults, through the review", () => {
  it.each(["change", "all"] as const)(
    "without a fault the change passes (scope %s), so each fault below is what turns it",
    async (scope) => {
      const { verdict } = await review(undefined, scope);
      expect(verdict.verdict).toBe("pass");
      expect(verdict.notes).toEqual([]);
    },
  );

  const error = (what: string) => new Error(`${what} failed: GitHub answered 502`);
  it.each<[string, "change" | "all", MemoryChangeFaults]>([
    ["files()", "change", { files: error("files()") }],
    ["tree(head)", "change", { tree: { head: error("tree(head)") } }],
    ["tree(base)", "change", { tree: { base: error("tree(base)") } }],
    ["read(head)", "change", { read: { head: error("read(head)") } }],
    ["read(base)", "change", { read: { base: error("read(base)") } }],
    ["files()", "all", { files: error("files()") }],
    ["tree(head)", "all", { tree: { head: error("tree(head)") } }],
    ["read(head)", "all", { read: { head: error("read(head)") } }],
  ])(
    "%s throwing fails the review (scope %s) with that very error, never a verdict",
    async (_method, scope, faults) => {
      const thrown = faults.files ?? faults.tree?.head ?? faults.tree?.base ?? faults.read?.head ?? faults.read?.base;
      await expect(review(faults, scope)).rejects.toBe(thrown);
    },
  );

  it.each<[string, "too-large" | "binary" | "missing", string]>([
    ["too large", "too-large", "src/domain/order.ts is 8.0 MB, too large to parse: its imports were not checked"],
    ["binary", "binary", "src/domain/order.ts is binary, not source: its imports were not checked"],
    ["missing", "missing", "src/domain/order.ts could not be read: its imports were not checked"],
  ])(
    "a changed source file read as %s at head is named unjudged and needs a conductor",
    async (_what, kind, message) => {
      const { verdict } = await review({ contents: { head: { "src/domain/order.ts": kind } } });
      expect(verdict.verdict).toBe("conductor");
      expect(verdict.reasons).toEqual([
        "1 changed file could not be judged: a conductor must look (src/domain/order.ts)",
      ]);
      expect(verdict.notes).toEqual([{ file: "src/domain/order.ts", unjudged: true, message }]);
    },
  );

  it("a source file read as too large at head is named unjudged when every file is judged (scope all)", async () => {
    const { verdict } = await review({ contents: { head: { "packages/infra/index.ts": "too-large" } } }, "all");
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toEqual([
      "1 changed file could not be judged: a conductor must look (packages/infra/index.ts)",
    ]);
    expect(verdict.notes).toEqual([
      {
        file: "packages/infra/index.ts",
        unjudged: true,
        message: "packages/infra/index.ts is 8.0 MB, too large to parse: its imports were not checked",
      },
    ]);
  });

  it("a tsconfig.json read as binary at head, whose aliases the change uses, is named unjudged", async () => {
    const { verdict } = await review({ contents: { head: { "tsconfig.json": "binary" } } });
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toEqual(["1 changed file could not be judged: a conductor must look (tsconfig.json)"]);
    expect(verdict.notes).toEqual([
      {
        file: "tsconfig.json",
        unjudged: true,
        message:
          "tsconfig.json does not parse (Cannot read file 'tsconfig.json'): imports under it were resolved without it, so an alias may pass for a package and escape every boundary",
      },
    ]);
  });

  it("a file read as too large answers only for the side it was set on", async () => {
    const change = createMemoryChange({
      base: BASE,
      head: HEAD,
      faults: { contents: { base: { "src/domain/order.ts": "too-large" } } },
    });
    const [base, head] = await Promise.all([
      change.read("base", ["src/domain/order.ts", "nowhere.ts"]),
      change.read("head", ["src/domain/order.ts"]),
    ]);
    expect(base.get("src/domain/order.ts")).toEqual({ kind: "too-large", bytes: 8 * 1024 * 1024 + 1 });
    expect(base.get("nowhere.ts")).toEqual({ kind: "missing" });
    expect(head.get("src/domain/order.ts")).toEqual({ kind: "text", text: HEAD["src/domain/order.ts"] });
  });

  /** The domain imports the infra workspace package by name: a boundary violation once the workspace is linked. */
  const WORKSPACE_IMPORT: Tree = {
    ...BASE,
    "src/domain/order.ts": `import { db } from "@acme/infra";\nexport const order = db;\n`,
  };

  it("the domain importing the infra workspace package by name is blocked when every file reads", async () => {
    const { verdict } = await review(undefined, "change", WORKSPACE_IMPORT);
    expect(verdict.verdict).toBe("block");
    expect(verdict.reasons).toEqual(["1 new boundary violation"]);
  });

  it.each<[string, "too-large" | "binary" | "missing", string, string]>([
    ["the root package.json", "binary", "package.json", "package.json is binary"],
    ["the root package.json", "too-large", "package.json", "package.json is 8.0 MB, too large to read"],
    [
      "the workspace's own package.json",
      "missing",
      "packages/infra/package.json",
      "packages/infra/package.json could not be read",
    ],
  ])(
    "regression: an import of a workspace package passed silently when %s read as %s at head (the package looked external)",
    async (_what, kind, path, why) => {
      const { verdict } = await review({ contents: { head: { [path]: kind } } }, "change", WORKSPACE_IMPORT);
      expect(verdict.verdict).toBe("conductor");
      expect(verdict.reasons).toEqual([`1 changed file could not be judged: a conductor must look (${path})`]);
      expect(verdict.notes).toEqual([
        {
          file: path,
          unjudged: true,
          message: `${why}: its workspace packages were not linked, so an import of one may pass for an external package and escape every boundary`,
        },
      ]);
    },
  );

  it("regression: a new dependency passed silently when package.json read as binary at head (the dependencies signal saw no text)", async () => {
    const head = {
      ...BASE,
      "package.json": json({
        name: "shop",
        workspaces: ["packages/*"],
        dependencies: { zod: "4.0.0", "left-pad": "1.3.0" },
      }),
    };
    expect((await review(undefined, "change", head)).verdict.risk.signals.map((s) => s.id)).toEqual(["dependencies"]);
    const { verdict } = await review({ contents: { head: { "package.json": "binary" } } }, "change", head);
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toEqual(["1 changed file could not be judged: a conductor must look (package.json)"]);
    expect(verdict.notes).toEqual([
      {
        file: "package.json",
        unjudged: true,
        message: "package.json: its text at head could not be read (it is binary): not judged for risk",
      },
    ]);
  });

  it("regression: a public export's removal passed silently when the public file read as too large at base (api-removed saw no text)", async () => {
    const head = { ...BASE, "src/domain/index.ts": "export const total = (n: number) => n;\n" };
    expect((await review(undefined, "change", head)).verdict.risk.signals.map((s) => s.id)).toEqual(["api-removed"]);
    const { verdict } = await review({ contents: { base: { "src/domain/index.ts": "too-large" } } }, "change", head);
    expect(verdict.verdict).toBe("conductor");
    expect(verdict.reasons).toEqual([
      "1 changed file could not be judged: a conductor must look (src/domain/index.ts)",
    ]);
    expect(verdict.notes).toEqual([
      {
        file: "src/domain/index.ts",
        unjudged: true,
        message:
          "src/domain/index.ts: its text at base could not be read (it is 8.0 MB, too large): not judged for risk",
      },
    ]);
  });
});
