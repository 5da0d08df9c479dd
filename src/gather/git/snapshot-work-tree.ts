import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runGitWithEnv } from "./run-git.js";

/**
 * A commit of the work tree as it is now, tracked and untracked (not ignored) files alike, made
 * with a throwaway index: the user's index, branch and files are left exactly as they were.
 */
export async function snapshotWorkTree(repoDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "maestro-index-"));
  const env = { GIT_INDEX_FILE: join(dir, "index") };
  try {
    await runGitWithEnv(repoDir, ["add", "-A"], env);
    const tree = (await runGitWithEnv(repoDir, ["write-tree"], env)).toString("utf8").trim();
    const commit = await runGitWithEnv(
      repoDir,
      [
        "-c",
        "user.name=maestro",
        "-c",
        "user.email=maestro@localhost",
        "commit-tree",
        tree,
        "-m",
        "maestro: work tree snapshot",
      ],
      env,
    );
    return commit.toString("utf8").trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
