import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkJson } from "./helpers/git-repo.js";

const root = new URL("..", import.meta.url).pathname;

/** A commit of the work tree as it is now (tracked and new files), made without touching the index. */
function snapshotWorkTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "maestro-index-"));
  const env = { ...process.env, GIT_INDEX_FILE: join(dir, "index") };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, encoding: "utf8" }).trim();
  try {
    git("add", "-A");
    const tree = git("write-tree");
    return git("-c", "user.name=maestro", "-c", "user.email=maestro@localhost", "commit-tree", tree, "-m", "snapshot");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("Maestro checks its own architecture", () => {
  it("`maestro check --all` passes on this repository, judged by its own score", async () => {
    const head = snapshotWorkTree();
    const { code, verdict } = await checkJson(root, "--all", "--head", head, "--score", ".github/maestro.yml");
    expect(verdict.violations).toEqual([]);
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });
});
