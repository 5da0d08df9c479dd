import { z } from "zod";
import { HISTORY_DAYS, isFixSubject, type FileHistory } from "../change.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

/** Paths per GraphQL query: the core asks for at most 200, so a review costs at most two requests. */
export const HISTORY_PATHS_PER_QUERY = 100;
/** Commits read per file: enough for 90 days of all but the hottest files, which count as hot anyway. */
const COMMITS_PER_FILE = 50;

const commitNode = z.object({
  committedDate: z.string(),
  messageHeadline: z.string(),
  parents: z.object({ totalCount: z.number() }),
});
const historyResponse = z.object({
  repository: z.object({
    object: z.looseObject({ committedDate: z.string() }),
  }),
});
const historyField = z.object({ nodes: z.array(commitNode) }).nullable();

/**
 * The recent history of many files in one GraphQL query (`history(path:)` per file, under
 * aliases), as `git log` gives it to the CLI: commits, merges aside, in the HISTORY_DAYS before the
 * base commit's own date, and how many of them say they fix something.
 */
export async function readFileHistory(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  baseSha: string,
  paths: readonly string[],
): Promise<Map<string, FileHistory>> {
  const history = new Map<string, FileHistory>();
  for (let i = 0; i < paths.length; i += HISTORY_PATHS_PER_QUERY) {
    const batch = paths.slice(i, i + HISTORY_PATHS_PER_QUERY);
    const variables = Object.fromEntries(batch.map((path, j) => [`p${j}`, path]));
    const raw = await octokit.graphql<unknown>(historyQuery(batch.length), {
      owner,
      name: repo,
      oid: baseSha,
      ...variables,
    });
    const commit = historyResponse.parse(raw).repository.object;
    const since = Date.parse(commit.committedDate) - HISTORY_DAYS * 86_400_000;
    batch.forEach((path, j) => {
      const nodes = historyField.parse(commit[`f${j}`] ?? null)?.nodes ?? [];
      const recent = nodes.filter((n) => Date.parse(n.committedDate) >= since && n.parents.totalCount <= 1);
      history.set(path, {
        changes: recent.length,
        fixes: recent.filter((n) => isFixSubject(n.messageHeadline)).length,
      });
    });
  }
  return history;
}

/** Paths travel as variables, never spliced into the query: a path is the change author's text. */
export function historyQuery(count: number): string {
  const declarations = Array.from({ length: count }, (_, j) => `$p${j}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, j) =>
      `f${j}: history(path: $p${j}, first: ${COMMITS_PER_FILE}) { nodes { committedDate messageHeadline parents(first: 1) { totalCount } } }`,
  ).join("\n");
  return `query($owner: String!, $name: String!, $oid: GitObjectID!, ${declarations}) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) {
      ... on Commit {
        committedDate
${fields}
      }
    }
  }
}`;
}
