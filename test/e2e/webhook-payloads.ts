import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import type { GitHubEmulator } from "./github-emulator.js";

/**
 * Webhook payloads as GitHub sends them: each starts from a payload GitHub recorded
 * (@octokit/webhooks-examples) and is rewritten with the facts of the test's repository, PR, push or
 * comment. What the recording says and the test does not stays as GitHub wrote it.
 */

/** The repository and installation the webhook is for; a `GitHubEmulator` is one. */
export interface WebhookTarget {
  readonly owner: string;
  readonly repo: string;
  readonly installationId: number;
}

export interface Account {
  readonly login: string;
  /** GitHub's numeric account id: the recording's unless given. */
  readonly id?: number;
  /** "Bot" for a `[bot]` login unless given. */
  readonly type?: "User" | "Bot";
}

export interface PullRequestFacts {
  readonly number: number;
  readonly headSha: string;
  readonly headRef: string;
  /** `main` unless given. */
  readonly baseRef?: string;
  readonly baseSha?: string;
  /** The author: the recording's (Codertocat) unless given. */
  readonly user?: Account;
  readonly labels?: readonly string[];
  /** When GitHub says the PR last changed (ISO 8601): the recording's unless given. */
  readonly updatedAt?: string;
  readonly draft?: boolean;
  readonly title?: string;
  readonly body?: string | null;
  /** For `closed`: merged (with its merge commit) or closed unmerged; unmerged unless given. */
  readonly merged?: boolean;
  readonly mergeCommitSha?: string;
  /** When it was closed (and merged): `updatedAt` unless given. */
  readonly closedAt?: string;
}

/** The actions GitHub's recordings hold (an `edited` has none). */
export type PullRequestAction =
  | "opened"
  | "synchronize"
  | "reopened"
  | "closed"
  | "ready_for_review"
  | "converted_to_draft"
  | "labeled"
  | "unlabeled";

/** A `pull_request` webhook. */
export function pullRequestPayload(
  target: WebhookTarget,
  action: PullRequestAction,
  pr: PullRequestFacts,
): Record<string, unknown> {
  // The recordings GitHub's current description fits (the oldest `opened` predates `auto_merge`).
  const payload = recorded("pull_request", action, (p) => "auto_merge" in (p.pull_request as object));
  const recordedPull = payload.pull_request as Record<string, unknown>;
  const user = pr.user ? account(pr.user, recordedPull.user) : recordedPull.user;
  const updatedAt = pr.updatedAt ?? (recordedPull.updated_at as string);
  const closed = action === "closed";
  const merged = closed && pr.merged === true;
  const side = (ref: string, sha: string | undefined, was: unknown) => ({
    ...(was as object),
    label: `${target.owner}:${ref}`,
    ref,
    ...(sha !== undefined ? { sha } : {}),
    repo: repository(target, (was as { repo: unknown }).repo),
  });
  Object.assign(recordedPull, {
    number: pr.number,
    state: closed ? "closed" : "open",
    user,
    labels: (pr.labels ?? []).map((name) => label(target, name)),
    updated_at: updatedAt,
    closed_at: closed ? (pr.closedAt ?? updatedAt) : null,
    merged,
    merged_at: merged ? (pr.closedAt ?? updatedAt) : null,
    merge_commit_sha: merged ? (pr.mergeCommitSha ?? null) : recordedPull.merge_commit_sha,
    draft: pr.draft ?? false,
    head: side(pr.headRef, pr.headSha, recordedPull.head),
    base: side(pr.baseRef ?? "main", pr.baseSha, recordedPull.base),
    ...(pr.title !== undefined ? { title: pr.title } : {}),
    ...(pr.body !== undefined ? { body: pr.body } : {}),
  });
  return Object.assign(payload, {
    action,
    number: pr.number,
    repository: repository(target, payload.repository),
    installation: installation(target),
    sender: user,
  });
}

/** The facts of PR `number` as the emulator holds it now (head, author, labels, times, merge). */
export function emulatedPull(github: GitHubEmulator, number: number): PullRequestFacts {
  const pr = github.pullRequestJson(number);
  return {
    number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseRef: pr.base.ref,
    baseSha: pr.base.sha,
    user: { login: pr.user.login, id: pr.user.id, type: pr.user.type },
    labels: pr.labels.map((l) => l.name),
    updatedAt: pr.updated_at,
    draft: pr.draft,
    title: pr.title,
    body: pr.body,
    merged: pr.merged,
    ...(pr.merge_commit_sha ? { mergeCommitSha: pr.merge_commit_sha } : {}),
    ...(pr.closed_at ? { closedAt: pr.closed_at } : {}),
  };
}

export interface PushCommit {
  readonly id: string;
  readonly message: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly modified: readonly string[];
}

/** A push: what the emulator's `pushToBase` returns is one. */
export interface PushFacts {
  /** `refs/heads/<branch>`. */
  readonly ref: string;
  readonly before: string;
  readonly after: string;
  /** Oldest first; the last is the head commit. */
  readonly commits: readonly PushCommit[];
}

/** A `push` webhook. */
export function pushPayload(target: WebhookTarget, push: PushFacts): Record<string, unknown> {
  const payload = recorded("push", undefined, (p) => (p.ref as string).startsWith("refs/heads/"));
  const template = (payload.commits as Record<string, unknown>[])[0] as Record<string, unknown>;
  const commits = push.commits.map((c) => ({
    ...template,
    id: c.id,
    tree_id: c.id,
    message: c.message,
    url: `https://github.com/${target.owner}/${target.repo}/commit/${c.id}`,
    added: [...c.added],
    removed: [...c.removed],
    modified: [...c.modified],
  }));
  return Object.assign(payload, {
    ref: push.ref,
    before: push.before,
    after: push.after,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${target.owner}/${target.repo}/compare/${push.before.slice(0, 12)}...${push.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    repository: repository(target, payload.repository),
    installation: installation(target),
  });
}

export interface CommentFacts {
  readonly id: number;
  /** The PR's or issue's number. */
  readonly issue: number;
  readonly body: string;
  readonly user: Account;
}

/**
 * An `issue_comment.created` webhook: on a PR (the issue carries `pull_request`) unless
 * `onPullRequest` is false. An emulator `Comment` is one.
 */
export function issueCommentPayload(
  target: WebhookTarget,
  comment: CommentFacts,
  { onPullRequest = true } = {},
): Record<string, unknown> {
  const payload = recorded("issue_comment", "created", (p) => "performed_via_github_app" in (p.comment as object));
  const user = account(comment.user, (payload.comment as { user: unknown }).user);
  Object.assign(payload.issue as object, {
    number: comment.issue,
    ...(onPullRequest
      ? {
          pull_request: {
            url: `https://api.github.com/repos/${target.owner}/${target.repo}/pulls/${comment.issue}`,
            html_url: `https://github.com/${target.owner}/${target.repo}/pull/${comment.issue}`,
          },
        }
      : {}),
  });
  Object.assign(payload.comment as object, { id: comment.id, body: comment.body, user });
  return Object.assign(payload, {
    repository: repository(target, payload.repository),
    installation: installation(target),
    sender: user,
  });
}

/** The first recorded payload of `event.action` (and `which`), deep-copied. */
function recorded(
  event: string,
  action: string | undefined,
  which: (payload: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const group = (examples as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === event);
  const found = group?.examples.find((e) => e.action === action && which(e));
  if (!found) throw new Error(`no recorded ${event}${action ? `.${action}` : ""} payload`);
  return structuredClone(found);
}

/** The repository, with the fields GitHub added since the recordings were made. */
function repository(target: WebhookTarget, was: unknown): Record<string, unknown> {
  const owner = (was as { owner: Record<string, unknown> }).owner;
  return {
    has_discussions: false,
    topics: [],
    visibility: "public",
    ...(was as object),
    name: target.repo,
    full_name: `${target.owner}/${target.repo}`,
    owner: { ...owner, login: target.owner, name: target.owner },
    html_url: `https://github.com/${target.owner}/${target.repo}`,
  };
}

function account(who: Account, was: unknown): Record<string, unknown> {
  return {
    ...(was as object),
    login: who.login,
    ...(who.id !== undefined ? { id: who.id } : {}),
    type: who.type ?? (who.login.endsWith("[bot]") ? "Bot" : "User"),
    html_url: `https://github.com/${who.login}`,
  };
}

function label(target: WebhookTarget, name: string): Record<string, unknown> {
  const id = [...name].reduce((hash, c) => (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0, 7);
  return {
    id,
    node_id: Buffer.from(`010:Label${id}`).toString("base64"),
    url: `https://api.github.com/repos/${target.owner}/${target.repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: "ededed",
    default: false,
    description: null,
  };
}

function installation(target: WebhookTarget): Record<string, unknown> {
  return {
    id: target.installationId,
    node_id: Buffer.from(`023:Installation${target.installationId}`).toString("base64"),
  };
}
