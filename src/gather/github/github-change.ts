import type { Change } from "../change.js";
import { createSnapshotChange, type FetchLeft, type Snapshot } from "../snapshot-change.js";
import { readFileHistory } from "./file-history.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { listComparedFiles, listPullRequestFiles, type ChangedFiles } from "./list-changed-files.js";

/** Which change on GitHub: a commit of a pull request (its head, or an older one), or a merge group. */
export type GitHubChangeRef =
  | { readonly kind: "pull"; readonly pullNumber: number; readonly headSha: string }
  | { readonly kind: "merge-group"; readonly baseSha: string; readonly headSha: string };

/** The pull request as GitHub says it is now (the webhook that asked may be hours old). */
export interface PullFacts {
  readonly author: string;
  /** The author's account id and type (`User`, `Bot`): a bot's id outlives a renamed login. */
  readonly authorId?: number;
  readonly authorType?: string;
  readonly branch: string;
  readonly labels: readonly string[];
  readonly draft: boolean;
  /** What the PR says of itself: untrusted text, read as data by the risk signals and the second reader. */
  readonly title: string;
  readonly body: string;
  /** The PR's head now: a newer push, or the commit asked about. */
  readonly headSha: string;
  readonly baseRef: string;
  /** Whether the PR is open now: a review of a closed PR must not bring it back to the podium as open. */
  readonly open?: boolean;
}

/** A change whose base is known and whose files are not read yet: reading them is the expensive part. */
export interface LocatedChange {
  readonly baseSha: string;
  readonly headSha: string;
  /** For a pull request; absent for a merge group. */
  readonly pull?: PullFacts;
  /** The commit asked about is not the PR's head: it is judged on its own change against the base. */
  readonly olderCommit: boolean;
  open(): Promise<GitHubChange>;
}

/** The `Change` the core judges, read from GitHub, with what GitHub could not give. */
export interface GitHubChange extends Change {
  /** GitHub lists a change's files only up to a limit: past it, only the first `listedFiles` are judged. */
  readonly truncated: boolean;
  readonly listedFiles: number;
  /** The base commit's files, where the repository's score is read (never the head's). */
  readonly baseSnapshot: Snapshot;
}

/**
 * Reads one commit's files: the app shares a cache of them between reviews. `changed` names the change's files,
 * which a snapshot thinned to what reviews read keeps besides.
 */
export type SnapshotReader = (sha: string, changed?: Promise<Iterable<string>>) => Promise<Snapshot>;

/**
 * Where a change on GitHub begins and ends. A merge group is judged on its own change (compare). A
 * PR is read as it is now; its head is judged with the PR's file list, and any other commit (a
 * re-run of an older check run) with that commit's own change against the base (compare), never
 * with the files of a later push.
 */
export async function locateGitHubChange(
  octokit: GitHubClient,
  repo: RepoRef,
  ref: GitHubChangeRef,
  snapshots: SnapshotReader,
): Promise<LocatedChange> {
  if (ref.kind === "merge-group") {
    const listing = () => listComparedFiles(octokit, repo, ref.baseSha, ref.headSha);
    return {
      baseSha: ref.baseSha,
      headSha: ref.headSha,
      olderCommit: false,
      open: () => openChange(octokit, repo, ref.baseSha, ref.headSha, listing, snapshots),
    };
  }
  const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: ref.pullNumber });
  const olderCommit = pr.head.sha !== ref.headSha;
  const listing = olderCommit
    ? () => listComparedFiles(octokit, repo, pr.base.sha, ref.headSha)
    : () => listPullRequestFiles(octokit, repo, ref.pullNumber, pr.changed_files);
  return {
    baseSha: pr.base.sha,
    headSha: ref.headSha,
    pull: {
      author: pr.user.login,
      ...(typeof pr.user.id === "number" ? { authorId: pr.user.id } : {}),
      ...(typeof pr.user.type === "string" ? { authorType: pr.user.type } : {}),
      branch: pr.head.ref,
      labels: pr.labels.map((l) => l.name),
      draft: pr.draft === true,
      // GitHub always sends a title; a proxy or an emulator may not, and a missing one must not fail the review.
      title: (pr.title as string | undefined) ?? "",
      body: pr.body ?? "",
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      open: pr.state === "open",
    },
    olderCommit,
    open: () => openChange(octokit, repo, pr.base.sha, ref.headSha, listing, snapshots),
  };
}

/** Both snapshots and the file list, read at once; patches GitHub left out are computed from the snapshots. */
async function openChange(
  octokit: GitHubClient,
  repo: RepoRef,
  baseSha: string,
  headSha: string,
  listing: () => Promise<ChangedFiles>,
  snapshots: SnapshotReader,
): Promise<GitHubChange> {
  const listed = listing();
  // A failed listing fails the review through the awaited `listed`: the snapshots only stop waiting for it.
  const paths = listed.then(
    ({ files }) => files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])),
    () => [],
  );
  const [base, head] = await Promise.all([snapshots(baseSha, paths), snapshots(headSha, paths)]);
  const { files, truncated } = await listed;
  const history = (paths: readonly string[]) => readFileHistory(octokit, repo, baseSha, paths);
  const fetchLeft: FetchLeft = (side, paths) => fetchFiles(octokit, repo, side === "base" ? baseSha : headSha, paths);
  const change = createSnapshotChange({ baseSha, headSha, files, base, head, history, fetchLeft });
  return { ...change, truncated, listedFiles: files.length, baseSnapshot: base };
}

/** Files fetched one by one (the contents API, raw), a few at a time: those a snapshot left that a review reads. */
async function fetchFiles(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  ref: string,
  paths: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const queue = [...paths];
  const one = async (): Promise<void> => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref, mediaType: { format: "raw" } });
      const body = data as unknown;
      if (typeof body === "string") found.set(path, new TextEncoder().encode(body));
      else if (body instanceof ArrayBuffer) found.set(path, new Uint8Array(body));
      else if (body instanceof Uint8Array) found.set(path, body);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, paths.length) }, one));
  return found;
}
