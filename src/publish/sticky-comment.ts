import { z } from "zod";
import { htmlSafeJson } from "../shared/html-safe-json.js";
import { parseJsonOrUndefined } from "../shared/parse-json-or-undefined.js";
import { verdictSchema, type Verdict } from "../decide/verdict.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { GITHUB_TEXT_LIMIT } from "../report/render-markdown.js";
import { signOffSchema, type SignOff } from "../decide/sign-off.js";
import type { SignOffSeal } from "./sign-off-seal.js";

/** The hidden marker that makes one comment Maestro's: the first line of its body, edited in place. */
export const STICKY_MARKER = "<!-- maestro:sticky -->";
/** One line of Maestro's hidden header: `<!-- maestro:<field> <value> -->`. */
const HEADER_LINE = /^<!-- maestro:([a-z-]+) (.*) -->$/;
const JSON_BLOCK = /```json\n([\s\S]*?)\n```/g;

/** What the sticky comment remembers between reviews: the last verdict and this head's sign-offs. */
export interface StickyState {
  readonly commentId?: number;
  /** The comment's text as it is: a verdict that says the same is not written again. */
  readonly body?: string;
  readonly signOffs: readonly SignOff[];
  readonly verdict?: Verdict;
}

/** Which PR a sticky comment belongs to: a sealed sign-off cannot be carried to another one. */
export interface StickyScope {
  readonly repo: RepoRef;
  readonly pullNumber: number;
  readonly seal: SignOffSeal;
}

/**
 * The sticky comment's body: Maestro's hidden header, the summary, then (for coding agents) the
 * verdict as a fenced JSON block, the same object as `maestro check --format json`. When it does not
 * fit, the summary is cut; if even that is not enough, the JSON's violations, notes and signals are,
 * with a reason saying so (the JSON stays valid), and at the last the JSON gives way to a line
 * saying where to get it: a comment GitHub refuses would leave an older verdict showing. Sign-offs of this head ride in
 * the header, sealed, so a re-review on the same
 * commit keeps them. Nothing from the change can open a hidden line: the summary comes from
 * `checkOutput`, which shows HTML comments as text, and `<`/`>` in the JSON are written as `\u003c`/`\u003e`.
 */
export function stickyBody(
  summary: string,
  verdict: Verdict | undefined,
  headSha: string,
  signOffs: readonly SignOff[],
  scope: StickyScope,
): string {
  const kept = signOffs.filter((s) => s.sha === headSha);
  const sealed = kept.length ? sealedLine(kept, scope) : "";
  const marker = `${STICKY_MARKER}\n<!-- maestro:head ${headSha} -->\n${sealed}`;
  if (!verdict) return `${marker}${summary}`.slice(0, GITHUB_TEXT_LIMIT);
  const withJson = (json: string) => {
    const room = GITHUB_TEXT_LIMIT - marker.length - json.length;
    return room < 200
      ? undefined
      : `${marker}${summary.length > room ? `${summary.slice(0, Math.max(0, room - 60))}\n\n… summary cut to fit; the check run has it whole.` : summary}${json}`;
  };
  for (
    let keep = Math.max(
      verdict.violations.length,
      verdict.notes.length,
      verdict.risk.signals.length,
      verdict.contention?.length ?? 0,
    );
    ;
    keep = Math.floor(keep / 2)
  ) {
    const body = withJson(jsonBlock(cutTo(verdict, keep)));
    if (body !== undefined) return body;
    if (keep === 0) break;
  }
  return withJson(
    "\n\n_The verdict as JSON is too large for a comment: `maestro check --format json` prints it._\n",
  ) as string;
}

function jsonBlock(verdict: Verdict): string {
  return `\n\n<details><summary>Verdict as JSON (for coding agents)</summary>\n\n\`\`\`json\n${htmlSafeJson(verdict, 2)}\n\`\`\`\n</details>\n`;
}

/** The verdict with at most `keep` violations, notes and signals, saying how many were left out. */
function cutTo(verdict: Verdict, keep: number): Verdict {
  const left =
    verdict.violations.length +
    verdict.notes.length +
    verdict.risk.signals.length -
    Math.min(keep, verdict.violations.length) -
    Math.min(keep, verdict.notes.length) -
    Math.min(keep, verdict.risk.signals.length);
  const contention = verdict.contention ?? [];
  const leftPulls = contention.length - Math.min(keep, contention.length);
  if (left === 0 && leftPulls === 0) return verdict;
  return {
    ...verdict,
    violations: verdict.violations.slice(0, keep),
    notes: verdict.notes.slice(0, keep),
    risk: { ...verdict.risk, signals: verdict.risk.signals.slice(0, keep) },
    // The strongest overlaps come first: those kept are the ones to rebase around.
    ...(verdict.contention ? { contention: contention.slice(0, keep) } : {}),
    reasons: [
      ...verdict.reasons,
      ...(left > 0
        ? [`${left} violations, notes and signals left out of this JSON to fit GitHub's comment limit`]
        : []),
      ...(leftPulls > 0
        ? [`${leftPulls} overlapping PRs left out of this JSON's contention to fit GitHub's comment limit`]
        : []),
    ],
  };
}

function sealedLine(signOffs: readonly SignOff[], { repo, pullNumber, seal }: StickyScope): string {
  const payload = htmlSafeJson(signOffs).replace(/-/g, "\\u002d");
  return `<!-- maestro:sign-offs ${payload} ${seal.seal(scopeKey(repo, pullNumber), payload)} -->\n`;
}

function scopeKey(repo: RepoRef, pullNumber: number): string {
  return `${repo.owner}/${repo.repo}#${pullNumber}`;
}

/**
 * Maestro's comment on a PR and what it remembers. Only a comment by Maestro's own bot that starts
 * with the marker counts: anyone can paste the marker, and Maestro's replies quote what people wrote.
 */
export async function readSticky(
  octokit: GitHubClient,
  issueNumber: number,
  botLogin: string,
  scope: StickyScope,
): Promise<StickyState> {
  const { owner, repo } = scope.repo;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  })) {
    const mine = page.data.find((c) => c.user?.login === botLogin && headerOf(c.body ?? "") !== undefined);
    if (mine) return { commentId: mine.id, body: mine.body ?? "", ...parseSticky(mine.body ?? "", scope) };
  }
  return { signOffs: [] };
}

/**
 * Sign-offs are read from Maestro's header alone (the marker's line and the hidden lines right after
 * it), and only when their seal holds for this repository and PR; the verdict is the last JSON block,
 * the one Maestro appends after the summary.
 */
export function parseSticky(body: string, scope: StickyScope): Omit<StickyState, "commentId"> {
  const header = headerOf(body);
  const sealed = header?.get("sign-offs");
  const space = sealed?.lastIndexOf(" ") ?? -1;
  const payload = sealed?.slice(0, space) ?? "";
  const mac = sealed?.slice(space + 1) ?? "";
  const trusted = space > 0 && scope.seal.verify(scopeKey(scope.repo, scope.pullNumber), payload, mac);
  const signOffs = trusted ? z.array(signOffSchema).safeParse(parseJsonOrUndefined(payload)) : undefined;
  const blocks = [...body.matchAll(JSON_BLOCK)];
  const verdict = verdictSchema.safeParse(parseJsonOrUndefined(blocks.at(-1)?.[1]));
  return { signOffs: signOffs?.success ? signOffs.data : [], ...(verdict.success ? { verdict: verdict.data } : {}) };
}

function headerOf(body: string): Map<string, string> | undefined {
  const lines = body.split("\n");
  if (lines[0] !== STICKY_MARKER) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const field = HEADER_LINE.exec(line);
    if (!field) break;
    if (!fields.has(field[1] as string)) fields.set(field[1] as string, field[2] as string);
  }
  return fields;
}

/**
 * Edits Maestro's comment in place when there is one, or posts the first; a comment that already says `body` is left
 * as it is (each edit is one of GitHub's writes, and pings nobody for nothing).
 */
export async function writeSticky(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  issueNumber: number,
  current: { readonly commentId?: number; readonly body?: string },
  body: string,
): Promise<void> {
  const { commentId } = current;
  if (commentId !== undefined && current.body === body) return;
  if (commentId !== undefined) await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
  else await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
}
