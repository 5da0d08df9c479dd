import { runGit } from "../src/gather/git/run-git.js";

export interface CommitInfo {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Committer date, ISO 8601: when the commit landed, which is what a window of time selects. */
  readonly date: string;
  readonly subject: string;
  /** The whole message, subject included. */
  readonly message: string;
}

export interface History {
  /** Every commit reachable from head, merged branches included. */
  readonly commits: ReadonlyMap<string, CommitInfo>;
  /** The first-parent chain from the root to head, oldest first: the history the evaluation judges. */
  readonly firstParent: readonly string[];
}

/** Every commit reachable from `head`, and its first-parent chain, in two `git` calls. */
export async function readHistory(repoDir: string, head = "HEAD"): Promise<History> {
  const log = await runGit(repoDir, ["log", "--format=%H%x00%P%x00%cI%x00%B%x1e", head]);
  const commits = new Map<string, CommitInfo>();
  for (const record of log.toString("utf8").split("\x1e")) {
    const [sha, parents, date, message] = record.replace(/^\n/, "").split("\x00");
    if (!sha || parents === undefined || date === undefined || message === undefined) continue;
    const text = message.replace(/\n+$/, "");
    commits.set(sha, {
      sha,
      parents: parents.split(" ").filter(Boolean),
      date,
      subject: text.split("\n", 1)[0] ?? "",
      message: text,
    });
  }
  const chain = await runGit(repoDir, ["rev-list", "--first-parent", "--reverse", head]);
  return { commits, firstParent: chain.toString("utf8").split("\n").filter(Boolean) };
}
