import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createMemoryChange } from "../../src/gather/memory-change.js";
import { render } from "../../src/report/render.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { reviewChange } from "../../src/review/review-change.js";
import { parseScore } from "../../src/score/parse-score.js";

const SCORE = `version: 1
ignore: ["test/**"]
protected:
  - paths: ["migrations/**"]
    reason: schema changes need a human
modules:
  - name: domain
    description: the domain stays free of infrastructure
    paths: ["src/domain/**"]
    may_use: []
    public: ["src/domain/index.ts"]
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
  - name: api
    paths: ["src/api/**"]
    may_use: [domain]
`;

/** A realistic agent PR: a new endpoint that reaches into infra, a suppression, a migration, an old violation kept. */
async function realisticReview() {
  const parsed = parseScore(SCORE);
  if (!parsed.ok) throw new Error("invalid fixture score");
  const base = {
    ".github/maestro.yml": SCORE,
    "src/domain/index.ts": "export interface Order { id: string }\nexport const total = (o: Order) => 0;\n",
    "src/domain/legacy.ts": `import { db } from "../infra/db";\nexport const old = db;\n`,
    "src/infra/db.ts": `export const db = {};\n`,
    "src/api/orders.ts": `import { total } from "../domain/index";\nexport const get = total;\n`,
  };
  const head = {
    ...base,
    "src/domain/legacy.ts": `import { db } from "../infra/db";\nexport const old = db;\nexport const kept = 1;\n`,
    "src/api/orders.ts": `import { total } from "../domain/index";\nimport { db } from "../infra/db";\n// @ts-ignore\nexport const get = (id: string) => total(db as any);\n`,
    "migrations/001_orders.sql": "ALTER TABLE orders ADD COLUMN note text;\n",
  };
  const review = await reviewChange({
    score: parsed.score,
    change: createMemoryChange({ base, head }),
    scope: "change",
    authorship: { login: "copilot-swe-agent[bot]" },
  });
  return review;
}

const context = {
  baseSha: "1111111111111111111111111111111111111111",
  headSha: "2222222222222222222222222222222222222222",
  scope: "change" as const,
  maestroVersion: "0.0.0-test",
  scoreSource: ".github/maestro.yml@1111111",
};

describe("the Markdown summary", () => {
  it("matches the reviewed golden file for a realistic PR (UPDATE_GOLDEN=1 rewrites it)", async () => {
    const markdown = render(await realisticReview(), context, "markdown");
    const golden = new URL("../golden/summary.md", import.meta.url);
    // Rewritten only when asked: a golden file written by the run that checks it proves nothing.
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, markdown);
    if (!existsSync(golden))
      throw new Error(
        `${golden.pathname} is missing. Write it deliberately, then review it: UPDATE_GOLDEN=1 npm run jest -- test/report/summary-golden.test.ts`,
      );
    expect(markdown).toBe(readFileSync(golden, "utf8"));
  });

  it("is cut to GitHub's limit by dropping rows, and says so", async () => {
    const review = await realisticReview();
    const many = {
      ...review.verdict,
      violations: Array.from(
        { length: 3000 },
        () => review.verdict.violations[0] as (typeof review.verdict.violations)[number],
      ),
    };
    const text = renderMarkdown(many, context, [], 65_535);
    expect(text.length).toBeLessThanOrEqual(65_535);
    expect(text).toMatch(/… \d+ more violations not shown here: see the annotations or run `maestro check`\./);
    expect(text).toContain("<sub>"); // provenance survives the cut
  });
});
