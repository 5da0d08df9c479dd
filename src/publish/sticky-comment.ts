import { z } from "zod";
import { parseJsonOrUndefined } from "../analyse/json-data.js";
import { verdictSchema, type Verdict } from "../decide/verdict.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { GITHUB_TEXT_LIMIT } from "../report/render-markdown.js";
import { signOffSchema, type SignOff } from "./sign-off.js";

/** The hidden marker that makes one comment Maestro's: found, then edited in place. */
export const STICKY_MARKER = "<!-- maestro:sticky -->";
const SIGN_OFFS = /<!-- maestro:sign-offs (.*?) -->/;
const JSON_BLOCK = /```json\n([\s\S]*?)\n```/;

/** What the sticky comment remembers between reviews: the last verdict and this head's sign-offs. */
export interface StickyState {
  readonly commentId?: number;
  readonly signOffs: readonly SignOff[];
  readonly verdict?: Verdict;
}

/**
 * The sticky comment's body: the summary, then (for coding agents) the verdict as a fenced JSON
 * block, the same object as `maestro check --format json`. When it does not fit, the summary is cut,
 * and if even that is not enough, the JSON's violations are, with a note; the JSON stays valid.
 * Sign-offs of this head ride along in a hidden line, so a re-review on the same commit keeps them.
 */
export function stickyBody(summary: string, verdict: Verdict | undefined, headSha: string, signOffs: readonly SignOff[] = []): string {
  const kept = signOffs.filter((s) => s.sha === headSha);
  const marker = `${STICKY_MARKER}\n<!-- maestro:head ${headSha} -->\n${kept.length ? `<!-- maestro:sign-offs ${JSON.stringify(kept).replace(/--/g, "\\u002d\\u002d")} -->\n` : ""}`;
  if (!verdict) return `${marker}${summary}`.slice(0, GITHUB_TEXT_LIMIT);
  for (let keep = verdict.violations.length; ; keep = Math.floor(keep / 2)) {
    const shown: Verdict =
      keep === verdict.violations.length
        ? verdict
        : { ...verdict, violations: verdict.violations.slice(0, keep), reasons: [...verdict.reasons, `${verdict.violations.length - keep} violations left out of this JSON to fit GitHub's comment limit`] };
    const json = `\n\n<details><summary>Verdict as JSON (for coding agents)</summary>\n\n\`\`\`json\n${JSON.stringify(shown, null, 2)}\n\`\`\`\n</details>\n`;
    const room = GITHUB_TEXT_LIMIT - marker.length - json.length;
    if (room >= 200 || keep === 0) return `${marker}${summary.length > room ? `${summary.slice(0, Math.max(0, room - 60))}\n\n… summary cut to fit; the check run has it whole.` : summary}${json}`;
  }
}

/**
 * Maestro's comment on a PR and what it remembers. Only a comment by Maestro's own bot counts:
 * anyone can paste the marker, and a sign-off must not be forgeable.
 */
export async function readSticky(octokit: GitHubClient, { owner, repo }: RepoRef, issueNumber: number, botLogin: string): Promise<StickyState> {
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })) {
    const mine = page.data.find((c) => c.user?.login === botLogin && c.body?.includes(STICKY_MARKER));
    if (mine) return { commentId: mine.id, ...parseSticky(mine.body ?? "") };
  }
  return { signOffs: [] };
}

export function parseSticky(body: string): Omit<StickyState, "commentId"> {
  const signOffs = z.array(signOffSchema).safeParse(parseJsonOrUndefined(SIGN_OFFS.exec(body)?.[1]));
  const verdict = verdictSchema.safeParse(parseJsonOrUndefined(JSON_BLOCK.exec(body)?.[1]));
  return { signOffs: signOffs.success ? signOffs.data : [], ...(verdict.success ? { verdict: verdict.data } : {}) };
}

/** Edits Maestro's comment in place when there is one, or posts the first. */
export async function writeSticky(octokit: GitHubClient, { owner, repo }: RepoRef, issueNumber: number, commentId: number | undefined, body: string): Promise<void> {
  if (commentId !== undefined) await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
  else await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
}
