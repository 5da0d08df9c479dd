import { runGit } from "../gather/git/run-git.js";

/** The repository's git folder (shared by its worktrees): where the CLI keeps its graph cache, out of the work tree. */
export async function gitCommonDir(repoDir: string): Promise<string> {
  const out = await runGit(repoDir, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
  return out.toString("utf8").trim();
}
