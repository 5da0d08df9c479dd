import type { LocatedChange } from "../gather/github/github-change.js";
import type { RepoRef } from "../gather/github/github-client.js";

/**
 * The lines shown above a review's summary: what a reader must know before trusting the verdict
 * (a draft, a commit that is not the head, a merge queue, a partial file list, a check that cannot
 * block). Every banner Maestro writes is worded here.
 */
export function locationBanners(located: LocatedChange): string[] {
  if (!located.pull) {
    return [
      "Merge queue: judged on the group's own change. Each PR's Maestro check had to pass (or be signed off) for it to enter the queue.",
    ];
  }
  const pull = located.pull;
  return [
    ...(pull.draft ? ["Draft PR: judged as it is now; it will be judged again when it is ready for review."] : []),
    ...(located.olderCommit
      ? [
          `Commit ${located.headSha.slice(0, 7)} is not this PR's head (${pull.headSha.slice(0, 7)}): it is judged on its own change against the base.`,
        ]
      : []),
  ];
}

export function notRequiredBanner(repo: RepoRef, branch: string): string {
  return `The Maestro check is not required on \`${branch}\`: this verdict cannot block a merge. \`npx maestro protect --repo ${repo.owner}/${repo.repo} --branch ${branch}\` makes it required.`;
}

export function extendsBanner(extendedFrom: string): string {
  return `Score extends ${extendedFrom}.`;
}

export function truncatedBanner(listedFiles: number): string {
  return `This change is too large for GitHub to list whole (${listedFiles}+ files): it was judged on what GitHub listed, and needs a conductor.`;
}

export function staleInstructionsBanner(
  file: string,
  written: string | undefined,
  score: string,
  command: string,
): string {
  return `\`${file}\` tells agents the rules of another score (its Maestro section was written from score ${written ?? "unknown"}; the base's score is ${score}): \`${command}\` refreshes it.`;
}

export function brokenInstructionsBanner(file: string, problem: string, command: string): string {
  return `\`${file}\`: ${problem}; fix them by hand, then \`${command}\` refreshes the section.`;
}
