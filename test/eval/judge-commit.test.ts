import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryGraphCache } from "../../src/analyse/conformance/index.js";
import { inferWindowScore } from "../../eval/infer-window-score.js";
import { judgeCommit } from "../../eval/judge-commit.js";
import { checkJson, createRepo } from "../helpers/git-repo.js";

/** A two-folder repository, then one commit that touches both folders, adds a third and a dependency. */
function twoFolderRepo() {
  const repo = createRepo();
  repo.write({
    "package.json": `{ "name": "two", "version": "1.0.0" }\n`,
    "package-lock.json": `{\n  "lockfileVersion": 3\n}\n`,
    "src/domain/user.ts": `export interface User { id: string }\n`,
    "src/app/main.ts": `import type { User } from "../domain/user";\nexport const main = (u: User) => u.id;\n`,
  });
  const start = repo.commit("initial");
  repo.write({
    "package.json": `{ "name": "two", "version": "1.0.0", "dependencies": { "left-pad": "1.3.0" } }\n`,
    "package-lock.json": `{\n  "lockfileVersion": 3,\n  "packages": {},\n  "requires": true\n}\n`,
    "src/domain/user.ts": `export interface User { id: string; name: string }\nexport const guest: User = { id: "0", name: "guest" };\n`,
    "src/infra/db.ts": `export const db = "memory";\n`,
    "src/app/greet.ts": `import { guest } from "../domain/user";\nexport const greet = () => \`hello \${guest.name}\`;\n`,
  });
  const change = repo.commit("feat: greet the guest");
  return { repo, start, change };
}

describe("judgeCommit", () => {
  const { repo, start, change } = twoFolderRepo();

  it("judges a commit as `maestro check` does, with the score `maestro init` infers at the start", async () => {
    const { score, text } = await inferWindowScore(repo.dir, start);
    const scoreFile = join(mkdtempSync(join(tmpdir(), "maestro-eval-")), "maestro.yml");
    writeFileSync(scoreFile, text);
    const cli = await checkJson(repo.dir, "--base", start, "--head", change, "--score", scoreFile);

    const result = await judgeCommit({ repoDir: repo.dir, sha: change, score, cache: createMemoryGraphCache() });
    if (!result.ok) throw new Error(result.error);
    expect(score.modules.map((m) => m.name).sort()).toEqual(["app", "domain"]);
    expect(result.judgement.verdict).toBe(cli.verdict.verdict);
    expect(result.judgement.risk).toBe(cli.verdict.risk.score);
    expect(result.judgement.reasons).toEqual(cli.verdict.reasons);
    expect(Object.keys(result.judgement.signals)).toContain("dependencies");
    expect(result.judgement.signals).toEqual(Object.fromEntries(cli.verdict.risk.signals.map((s) => [s.id, s.points])));
  });

  it("counts lines over every file, and the raw facts without the lockfile", async () => {
    const { score } = await inferWindowScore(repo.dir, start);
    const result = await judgeCommit({ repoDir: repo.dir, sha: change, score, cache: createMemoryGraphCache() });
    if (!result.ok) throw new Error(result.error);
    expect(result.judgement.lines).toBe(12);
    expect(result.judgement.facts).toEqual({
      filesChanged: 5,
      linesAdded: 6,
      linesDeleted: 2,
      lockfileLines: 4,
      testFilesChanged: 0,
      directories: 4,
      // src/infra is new: the score inferred at the start has no module for it.
      modules: 2,
    });
  });

  it("returns a commit it cannot judge as a failure with the reason, never a throw", async () => {
    const { score } = await inferWindowScore(repo.dir, start);
    const cache = createMemoryGraphCache();
    expect(await judgeCommit({ repoDir: repo.dir, sha: "f".repeat(40), score, cache })).toEqual({
      ok: false,
      error: expect.stringContaining("is not a commit"),
    });
    // The root commit has no parent to be judged against.
    expect(await judgeCommit({ repoDir: repo.dir, sha: start, score, cache })).toEqual({
      ok: false,
      error: expect.stringContaining("--base"),
    });
    expect(await judgeCommit({ repoDir: repo.dir, sha: change, score, cache, timeoutMs: 1 })).toEqual({
      ok: false,
      error: "timed out after 1 ms",
    });
  });
});
