import { z } from "zod";
import type { OpenPull, OtherPulls } from "../../analyse/contention/index.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { statusOf } from "./http-status.js";

/** SPEC §8: a review compares itself with the 50 most recently updated other open PRs on its base. */
export const OPEN_PULLS_COMPARED = 50;
/** GraphQL gives at most 100 files a page: a PR with more is compared on its first 100, and says so. */
const FILES_PER_PULL = 100;

/** A PR's changed paths, which depend only on its head commit (its merge base moves only with a new head). */
export interface PullFiles {
  readonly files: readonly string[];
  readonly complete: boolean;
}

/** Files by `owner/repo@headSha`, shared by every review of this process. */
export interface PullFilesCache {
  get(key: string): PullFiles | undefined;
  set(key: string, value: PullFiles): unknown;
}

/** Maestro's last verdict on a PR's head, as this app remembers it. */
export interface KnownVerdict {
  readonly head: string;
  readonly verdict: "pass" | "conductor" | "block";
  readonly risk: number;
}

export interface OpenPullsDeps {
  readonly files: PullFilesCache;
  /** Maestro's last verdicts, by PR number; absent, the other PRs' verdicts are unknown. */
  readonly verdicts?: (numbers: readonly number[]) => Promise<ReadonlyMap<number, KnownVerdict>>;
  /** Told when the batched query failed and each PR's files were listed one by one instead. */
  readonly onFallback?: (error: unknown) => void;
}

/**
 * The other open PRs on a base branch, with their changed files, in at most two requests: one page of
 * the open PRs (most recently updated first) and one GraphQL query for the files of every head not
 * already cached. When GraphQL fails, each uncached PR's files are listed through REST instead: more
 * requests, the same answer. A PR whose files could not be read is kept, without files, so the
 * verdict can name it.
 */
export async function readOpenPulls(
  octokit: GitHubClient,
  repo: RepoRef,
  base: string,
  self: number | undefined,
  deps: OpenPullsDeps,
): Promise<OtherPulls> {
  // One more than compared, so this PR's own place in the list does not cost a second page.
  const { data, headers } = await octokit.rest.pulls.list({
    ...repo,
    state: "open",
    base,
    sort: "updated",
    direction: "desc",
    per_page: OPEN_PULLS_COMPARED + 1,
  });
  const others = data.filter((p) => p.number !== self);
  const listed = others.slice(0, OPEN_PULLS_COMPARED);
  const more = others.length > OPEN_PULLS_COMPARED || /rel="next"/.test(headers.link ?? "");
  const key = (head: string) => `${repo.owner}/${repo.repo}@${head}`;
  const missing = listed.filter((p) => deps.files.get(key(p.head.sha)) === undefined);
  const [fetched, verdicts] = await Promise.all([
    missing.length > 0 ? readFiles(octokit, repo, missing, deps) : new Map<number, PullFiles>(),
    deps.verdicts ? deps.verdicts(listed.map((p) => p.number)) : new Map<number, KnownVerdict>(),
  ]);
  for (const p of missing) {
    const files = fetched.get(p.number);
    if (files) deps.files.set(key(p.head.sha), files);
  }
  const pulls = listed.map((p): OpenPull => {
    const files = deps.files.get(key(p.head.sha)) ?? fetched.get(p.number);
    const known = verdicts.get(p.number);
    return {
      number: p.number,
      author: p.user?.login ?? "ghost",
      ...(p.user ? { authorId: p.user.id, authorType: p.user.type } : {}),
      branch: p.head.ref,
      labels: p.labels.map((l) => l.name ?? "").filter(Boolean),
      headSha: p.head.sha,
      updatedAt: p.updated_at,
      ...(files ? { files: [...files.files] } : {}),
      filesComplete: files?.complete ?? false,
      ...(known && known.head === p.head.sha ? { verdict: known.verdict, risk: known.risk } : {}),
    };
  });
  return { base, pulls, more };
}

interface PullRef {
  readonly number: number;
  readonly head: { readonly sha: string };
}

async function readFiles(
  octokit: GitHubClient,
  repo: RepoRef,
  pulls: readonly PullRef[],
  deps: OpenPullsDeps,
): Promise<Map<number, PullFiles>> {
  try {
    return await readFilesBatched(octokit, repo, pulls);
  } catch (error) {
    // A rate limit on GraphQL is a rate limit on REST too: falling back would only spend it faster.
    if (statusOf(error) === 403 || statusOf(error) === 429) throw error;
    deps.onFallback?.(error);
    return readFilesOneByOne(octokit, repo, pulls);
  }
}

const filesField = z
  .object({
    headRefOid: z.string(),
    files: z.object({ totalCount: z.number(), nodes: z.array(z.object({ path: z.string() })) }).nullable(),
  })
  .nullable();

/** Every PR's files under an alias of one query. PR numbers are integers from GitHub, never text from a change. */
async function readFilesBatched(
  octokit: GitHubClient,
  repo: RepoRef,
  pulls: readonly PullRef[],
): Promise<Map<number, PullFiles>> {
  let raw: unknown;
  try {
    raw = await octokit.graphql<unknown>(pullFilesQuery(pulls.map((p) => p.number)), {
      owner: repo.owner,
      repo: repo.repo,
    });
  } catch (error) {
    // A PR closed since the listing is an error beside the others' data: keep what was answered.
    const partial = (error as { data?: unknown }).data;
    if (partial === undefined || partial === null) throw error;
    raw = partial;
  }
  const repository = z.object({ repository: z.record(z.string(), z.unknown()) }).parse(raw).repository;
  const result = new Map<number, PullFiles>();
  for (const p of pulls) {
    const field = filesField.parse(repository[`pr${p.number}`] ?? null);
    // The head moved between the listing and the query: those files belong to another commit.
    if (!field?.files || field.headRefOid !== p.head.sha) continue;
    result.set(p.number, {
      files: field.files.nodes.map((n) => n.path),
      complete: field.files.totalCount <= field.files.nodes.length,
    });
  }
  return result;
}

export function pullFilesQuery(numbers: readonly number[]): string {
  const fields = numbers
    .map(
      (n) =>
        `    pr${n}: pullRequest(number: ${n}) { headRefOid files(first: ${FILES_PER_PULL}) { totalCount nodes { path } } }`,
    )
    .join("\n");
  return `query($owner: String!, $repo: String!) {\n  repository(owner: $owner, name: $repo) {\n${fields}\n  }\n}`;
}

/** The slow road, a page of files per PR, a few at a time: used only when GraphQL will not answer. */
async function readFilesOneByOne(
  octokit: GitHubClient,
  repo: RepoRef,
  pulls: readonly PullRef[],
): Promise<Map<number, PullFiles>> {
  const result = new Map<number, PullFiles>();
  const queue = [...pulls];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      try {
        const { data } = await octokit.rest.pulls.listFiles({
          ...repo,
          pull_number: p.number,
          per_page: FILES_PER_PULL,
        });
        const paths = data.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
        result.set(p.number, { files: paths, complete: data.length < FILES_PER_PULL });
      } catch (error) {
        if (statusOf(error) === 403 || statusOf(error) === 429) throw error;
        // This PR stays unread: the verdict names it.
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return result;
}
