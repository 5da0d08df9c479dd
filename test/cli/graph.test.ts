import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createRepo, maestro, type TestRepo } from "../helpers/git-repo.js";

/**
 * `maestro graph` on a repository at HEAD: infra and billing-v2 import each other, billing-v2 imports domain against
 * its may_use, app declares no may_use, and domain imports a banned package (a violation on no module edge).
 */
const SCORE = `version: 1
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
    forbid_packages: ["lodash"]
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain, billing-v2]
  - name: billing-v2
    paths: ["src/billing/**"]
    may_use: [infra]
  - name: app
    paths: ["src/app/**"]
`;

function architectureRepo(): TestRepo {
  const repo = createRepo();
  repo.write({
    ".github/maestro.yml": SCORE,
    "src/domain/index.ts": `import _ from "lodash";\nexport const user = 1;\nexport const rule = _;\n`,
    "src/infra/db.ts": `import { user } from "../domain/index";\nimport { rule } from "../domain/index";\nimport { charge } from "../billing/charge";\nexport const db = [user, rule, charge];\n`,
    "src/billing/charge.ts": `import { db } from "../infra/db";\nimport { user } from "../domain/index";\nexport const charge = () => [db, user];\n`,
    "src/app/a.ts": `import { db } from "../infra/db";\nexport const a = db;\n`,
    "src/app/b.ts": `import { db } from "../infra/db";\nimport type { db as D } from "../infra/db";\nexport const b: typeof D = db;\n`,
  });
  repo.commit("architecture");
  return repo;
}

const MERMAID = `graph LR
  classDef unconstrained stroke-dasharray:5 5
  m_domain["domain"]
  m_infra["infra"]
  m_billing_v2["billing-v2"]
  m_app["app"]
  m_infra -->|2| m_domain
  m_infra -->|1| m_billing_v2
  m_billing_v2 -->|1| m_domain
  m_billing_v2 -->|1| m_infra
  m_app -->|3| m_infra
  linkStyle 2 stroke:#d73a49,stroke-width:2px,color:#d73a49
  linkStyle 1,3 stroke:#e36209,stroke-width:2px,color:#e36209
  class m_app unconstrained
`;

const NOT_DRAWN =
  "maestro graph: 1 violation(s) on no edge between modules (1 forbidden-package) are not drawn: `maestro check --all` lists them\n";

describe("maestro graph draws the architecture at HEAD", () => {
  it("prints Mermaid by default: imports counted per edge (type imports too), today's violation red, the cycle orange", async () => {
    const repo = architectureRepo();
    expect(await maestro(repo.dir, "graph")).toEqual({ code: 0, stdout: MERMAID, stderr: NOT_DRAWN });
    // The second run reads the head's imports from the graph cache (.git/maestro), and counts them the same.
    expect(await maestro(repo.dir, "graph")).toEqual({ code: 0, stdout: MERMAID, stderr: NOT_DRAWN });
  });

  it("writes DOT to --out, creating its folder, and says what it drew", async () => {
    const repo = architectureRepo();
    const run = await maestro(repo.dir, "graph", "--format", "dot", "--out", "docs/pictures/architecture.dot");
    expect(run).toEqual({
      code: 0,
      stdout: "docs/pictures/architecture.dot: 4 modules, 5 edges (1 red: violations; 2 orange: cycles)\n",
      stderr: NOT_DRAWN,
    });
    expect(readFileSync(join(repo.dir, "docs/pictures/architecture.dot"), "utf8")).toContain(
      `  "billing-v2" -> "domain" [label="1", color=red, fontcolor=red];\n`,
    );
  });

  it("judges the committed HEAD of --repo, from another repository, by the --score named from there", async () => {
    const repo = architectureRepo();
    repo.write({
      "src/app/c.ts": `import { user } from "../domain/index";\nexport const c = user;\n`,
      "other.yml": SCORE.replace("may_use: [infra]", "may_use: [infra, domain]"),
    });
    const elsewhere = createRepo();
    const run = await maestro(
      elsewhere.dir,
      "graph",
      "--repo",
      repo.dir,
      "--score",
      relative(elsewhere.dir, join(repo.dir, "other.yml")),
    );
    expect(run.code).toBe(0);
    // The uncommitted app → domain import is not at HEAD; under other.yml billing-v2 may use domain: nothing is red.
    expect(run.stdout).not.toContain("m_app -->|1| m_domain");
    expect(run.stdout).not.toContain("#d73a49");
    expect(run.stdout).toContain("  m_app -->|3| m_infra\n  linkStyle 1,3 stroke:#e36209");
  });

  it("prints an SVG", async () => {
    const repo = architectureRepo();
    const run = await maestro(repo.dir, "graph", "--format", "svg");
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true);
    expect(run.stdout).toContain(`data-from="billing-v2" data-to="domain"`);
  });

  it("exits 2 on an invalid score, naming the problem", async () => {
    const repo = createRepo();
    repo.write({ ".github/maestro.yml": `version: 1\nmodules:\n  - name: "bad name"\n    paths: ["src/**"]\n` });
    repo.commit();
    const run = await maestro(repo.dir, "graph");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("a module name uses letters, digits");
    expect(run.stderr).toContain("Invalid score");
  });

  it.each([
    [["--format", "png"], `maestro graph: --format must be one of mermaid, dot, svg (got "png")\n`],
    [["--colour"], "maestro graph: Unknown option '--colour'"],
    [["--score", "missing.yml"], "maestro graph: cannot read the score file missing.yml: no such file\n"],
  ])("exits 2 on a usage error: %j", async (args, message) => {
    const repo = architectureRepo();
    const run = await maestro(repo.dir, "graph", ...args);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr.startsWith(message)).toBe(true);
  });
});
