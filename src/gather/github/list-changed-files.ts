import type { Endpoints } from "@octokit/types";
import type { ChangedFile, FileStatus } from "../change.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

/** GitHub lists at most this many files of a pull request (REST `pulls/{n}/files`). */
export const GITHUB_FILE_LIMIT = 3000;
/** The compare API lists at most this many files, unpaginated. */
export const COMPARE_FILE_LIMIT = 300;

export interface ChangedFiles {
  readonly files: ChangedFile[];
  /** GitHub would not list them all: the change was judged on part of it. */
  readonly truncated: boolean;
}

/** One file of a pull request as GitHub lists it; the compare API lists the same `diff-entry`. */
type GitHubFile = Endpoints["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"]["response"]["data"][number];

/** A pull request's files with their patches, 100 a page, up to GitHub's 3,000. */
export async function listPullRequestFiles(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  pullNumber: number,
  changedFiles: number,
): Promise<ChangedFiles> {
  const listed: GitHubFile[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  })) {
    listed.push(...page.data);
    if (listed.length >= GITHUB_FILE_LIMIT) break;
  }
  return {
    files: listed.map(toChangedFile),
    truncated: changedFiles > listed.length || listed.length >= GITHUB_FILE_LIMIT,
  };
}

/** The files between two commits (a merge group's base and head), through the compare API. */
export async function listComparedFiles(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  base: string,
  head: string,
): Promise<ChangedFiles> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}` });
  const files: GitHubFile[] = data.files ?? [];
  return { files: files.map(toChangedFile), truncated: files.length >= COMPARE_FILE_LIMIT };
}

const GITHUB_STATUS: Readonly<Record<string, FileStatus>> = {
  added: "added",
  removed: "removed",
  modified: "modified",
  renamed: "renamed",
  copied: "added",
  changed: "modified",
};

function toChangedFile(file: GitHubFile): ChangedFile {
  return {
    path: file.filename,
    status: GITHUB_STATUS[file.status] ?? "modified",
    ...(file.status === "renamed" && file.previous_filename ? { previousPath: file.previous_filename } : {}),
    additions: file.additions,
    deletions: file.deletions,
    binary: false,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}
