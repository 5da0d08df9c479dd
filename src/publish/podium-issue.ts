import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { statusOf } from "../gather/github/http-status.js";
import { parsePodium, podiumStateText, PODIUM_MARKER, PODIUM_TITLE, type PodiumState } from "../report/podium/index.js";
import type { SignOffSeal } from "./sign-off-seal.js";

const SEAL_LINE = /\n<!-- maestro:podium-seal ([0-9a-f]{64}) -->\s*$/;

/**
 * The podium's state sets agents' `review_at` (trust), and anyone who may edit issues may edit its body: the state is
 * believed only under an HMAC of the app's secret over the repository and the state's exact text, like the sticky
 * comment's sign-offs. An edited or forged state reads as none, and the podium starts again from the next events.
 */
export function sealPodiumBody(body: string, repo: RepoRef, seal: SignOffSeal): string {
  const state = podiumStateText(body);
  return state === undefined
    ? body
    : `${body.replace(/\s*$/, "")}\n<!-- maestro:podium-seal ${seal.seal(scopeOf(repo), state)} -->\n`;
}

export function readSealedPodium(body: string, repo: RepoRef, seal: SignOffSeal): PodiumState | undefined {
  const text = body.replace(/\r\n/g, "\n");
  const mac = SEAL_LINE.exec(text)?.[1];
  const state = podiumStateText(text);
  if (mac === undefined || state === undefined || !seal.verify(scopeOf(repo), state, mac)) return undefined;
  return parsePodium(text);
}

function scopeOf(repo: RepoRef): string {
  return `podium:${repo.owner}/${repo.repo}`;
}

/** The podium issue as last read: its number and body. */
export interface PodiumIssue {
  readonly number: number;
  readonly body: string;
}

/**
 * Finds the repository's podium: the issue it was last written to when that is known (GitHub's search index lags
 * behind a new issue by seconds to minutes, so a search alone would let a second podium be created), else by its
 * hidden marker through search, else among the newest issues. Only an issue Maestro's own bot wrote, whose body starts with the marker, counts:
 * anyone may paste the marker into an issue. With several (an older race), the oldest is the podium.
 */
export async function findPodiumIssue(
  octokit: GitHubClient,
  repo: RepoRef,
  botLogin: string,
  known: number | undefined,
): Promise<PodiumIssue | undefined> {
  if (known !== undefined) {
    try {
      const { data } = await octokit.rest.issues.get({ ...repo, issue_number: known });
      if (isPodium(data, botLogin)) return { number: data.number, body: data.body ?? "" };
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 410) throw error;
    }
  }
  // GitHub's search does not promise to index HTML comments (GitHub Enterprise Server does not): the title finds
  // it, and the marker and the author tell the podium from an issue someone titled alike.
  const { data } = await octokit.rest.search.issuesAndPullRequests({
    q: `repo:${repo.owner}/${repo.repo} is:issue in:title "${PODIUM_TITLE}"`,
    sort: "created",
    order: "asc",
    per_page: 20,
  });
  const found = data.items.filter((item) => isPodium(item, botLogin)).sort((a, b) => a.number - b.number)[0];
  if (found) return { number: found.number, body: found.body ?? "" };
  // Search has not indexed a podium written moments ago (another replica's, or this process's before a restart):
  // the newest issues, listed without the index, hold it if it is that new.
  const { data: newest } = await octokit.rest.issues.listForRepo({
    ...repo,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  const recent = newest.filter((item) => isPodium(item, botLogin)).sort((a, b) => a.number - b.number)[0];
  return recent ? { number: recent.number, body: recent.body ?? "" } : undefined;
}

function isPodium(
  issue: { body?: string | null; user?: { login: string } | null; pull_request?: unknown },
  botLogin: string,
): boolean {
  return (
    !issue.pull_request &&
    (issue.body ?? "").startsWith(PODIUM_MARKER) &&
    issue.user?.login.toLowerCase() === botLogin.toLowerCase()
  );
}

/** One write: the podium's new body in place, or the issue created once. Returns its number. */
export async function writePodiumIssue(
  octokit: GitHubClient,
  repo: RepoRef,
  existing: number | undefined,
  body: string,
): Promise<number> {
  if (existing !== undefined) {
    await octokit.rest.issues.update({ ...repo, issue_number: existing, body });
    return existing;
  }
  const { data } = await octokit.rest.issues.create({ ...repo, title: PODIUM_TITLE, body });
  return data.number;
}
