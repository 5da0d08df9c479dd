import type { Verdict } from "../decide/verdict.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { GITHUB_TEXT_LIMIT } from "../report/render-markdown.js";

/** The hidden marker that makes one comment Maestro's: found, then edited in place. */
export const STICKY_MARKER = "<!-- maestro:sticky -->";

/**
 * The sticky comment's body: the summary, then (for coding agents) the verdict as a fenced JSON
 * block, the same object as `maestro check --format json`. When it does not fit, the summary is cut,
 * and if even that is not enough, the JSON's violations are, with a note; the JSON stays valid.
 */
export function stickyBody(summary: string, verdict: Verdict | undefined, headSha: string): string {
  const marker = `${STICKY_MARKER}\n<!-- maestro:head ${headSha} -->\n`;
  if (!verdict) return `${marker}${summary}`.slice(0, GITHUB_TEXT_LIMIT);
  let shown: Verdict = verdict;
  for (let keep = verdict.violations.length; ; keep = Math.floor(keep / 2)) {
    shown = keep === verdict.violations.length ? verdict : { ...verdict, violations: verdict.violations.slice(0, keep), reasons: [...verdict.reasons, `${verdict.violations.length - keep} violations left out of this JSON to fit GitHub's comment limit`] };
    const json = `\n\n<details><summary>Verdict as JSON (for coding agents)</summary>\n\n\`\`\`json\n${JSON.stringify(shown, null, 2)}\n\`\`\`\n</details>\n`;
    const room = GITHUB_TEXT_LIMIT - marker.length - json.length;
    if (room >= 200 || keep === 0) return `${marker}${summary.length > room ? `${summary.slice(0, Math.max(0, room - 60))}\n\n… summary cut to fit; the check run has it whole.` : summary}${json}`;
  }
}

/** Finds Maestro's comment (a bot's, holding the marker) and edits it, or posts the first one. */
export async function upsertStickyComment(octokit: GitHubClient, { owner, repo }: RepoRef, issueNumber: number, body: string): Promise<void> {
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })) {
    const mine = page.data.find((c) => c.user?.type === "Bot" && c.body?.includes(STICKY_MARKER));
    if (mine) {
      if (mine.body !== body) await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
      return;
    }
  }
  await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
}
