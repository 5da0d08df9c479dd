import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { openGitChange } from "../../src/gather/git/git-change.js";
import { checkRequest } from "./openapi-validator.js";
import { GraphqlError, graphqlArguments, location, parseGraphql, type GraphqlField } from "./parse-graphql.js";

/**
 * A local stand-in for GitHub's REST API, backed by a real git repository: pull requests are
 * branches, files and tarballs come from git, check runs and comments are kept in memory. Every
 * request is checked against GitHub's OpenAPI description; whatever does not fit is recorded.
 */
export interface PullRequest {
  readonly number: number;
  readonly headRef: string;
  readonly baseRef: string;
  user: string;
  labels: string[];
  draft: boolean;
  /** Open unless set: a closed PR is left out of the open-PR listing. */
  state?: "open" | "closed";
  /** What the author wrote: "PR <number>" and no body unless set. */
  title?: string;
  body?: string;
  /**
   * When GitHub says the PR was opened and last changed (ISO 8601): unless set, both are its number
   * of seconds after a day before the emulator started, so creation order is number order.
   */
  createdAt?: string;
  updatedAt?: string;
  /** The author's account id (`user.id`): a stable number made from the login unless set. */
  userId?: number;
  /** The author's account type: "Bot" for a `[bot]` login unless set (GitHub's Copilot is `Copilot`, a Bot). */
  userType?: "User" | "Bot";
  /** The GitHub App that opened the PR: the issue form's `performed_via_github_app`. */
  app?: { id: number; slug: string };
  /** Set by `merge()`: when, the merge commit, and the base it was merged into (its diff stays the PR's). */
  mergedAt?: string;
  mergeCommitSha?: string;
  mergedOnto?: string;
}

/** An issue (not a PR) as the emulator keeps it; numbers are shared with PRs, as on GitHub. */
export interface Issue {
  readonly number: number;
  readonly id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  readonly user: { login: string; id: number; type: "User" | "Bot" };
  readonly createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** How many times it was edited (`PATCH /issues/{n}`). */
  edits: number;
}

/** A commit `pushToBase` made on a base branch, in the words of a push webhook. */
export interface BasePush {
  /** `refs/heads/<base>`. */
  readonly ref: string;
  readonly before: string;
  readonly after: string;
  readonly commits: readonly {
    readonly id: string;
    readonly message: string;
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly modified: readonly string[];
  }[];
  /** Every path the push touched. */
  readonly paths: readonly string[];
}

export interface CheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion?: string;
  external_id?: string;
  details_url?: string;
  output?: { title: string; summary: string };
  annotations: Record<string, unknown>[];
  actions?: unknown[];
  created: number;
  completed?: number;
  started_at?: string;
  /** The GitHub App that wrote the run: Maestro (`GET /app`'s id, 1) unless seeded otherwise. */
  app_id?: number;
}

export interface Comment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  remaining: number;
}

/** Who GitHub's merge button and the pushes to a base branch commit as. */
const GITHUB_IDENTITY = ["-c", "user.name=GitHub", "-c", "user.email=noreply@github.com", "-c", "commit.gpgsign=false"];

/** The bot account Maestro writes as (issues, comments). */
const MAESTRO_BOT = { login: "maestro[bot]", type: "Bot" as const };

/** PRs by number. A number an issue holds is refused: GitHub never gives one number twice. */
class PullNumbers extends Map<number, PullRequest> {
  constructor(private readonly taken: (number: number) => boolean) {
    super();
  }

  override set(number: number, pr: PullRequest): this {
    if (this.taken(number)) throw new Error(`#${number} is an issue; number PRs with nextNumber()`);
    return super.set(number, pr);
  }
}

export class GitHubEmulator {
  readonly pulls: Map<number, PullRequest> = new PullNumbers((n) => this.issues.some((i) => i.number === n));
  readonly issues: Issue[] = [];
  /**
   * GitHub's search index lags behind writes: search sees each issue as it was this many ms ago
   * (one created since is not found yet). What makes a naive "search, then create" duplicate.
   */
  searchLagMs = 0;
  /** When true, every GraphQL request is answered 502, as when GitHub's GraphQL API is down. */
  graphqlDown = false;
  readonly checkRuns: CheckRun[] = [];
  readonly comments: Comment[] = [];
  /** Comments on commits (`POST /commits/{sha}/comments`), by Maestro. */
  readonly commitComments: { sha: string; body: string }[] = [];
  readonly requests: { method: string; path: string; status: number; at: number }[] = [];
  readonly mismatches: string[] = [];
  readonly faults: Fault[] = [];
  /** GitHub leaves out the patch of a file whose diff is larger than this (bytes). */
  patchLimit = Number.POSITIVE_INFINITY;
  /** GitHub stops giving patches and line counts once a response's patches add up to this (bytes). */
  diffLimit = Number.POSITIVE_INFINITY;
  /** Repository roles by login (admin, maintain, write, triage, read); anyone else is not a collaborator. */
  readonly roles = new Map<string, string>();
  /** Team members by `org/team-slug`. */
  readonly teams = new Map<string, Set<string>>();
  readonly reactions: { commentId: number; content: string }[] = [];
  /** Branch protection as GitHub's GET returns it, by branch. */
  readonly protection = new Map<string, Record<string, unknown>>();
  readonly rulesets: Record<string, unknown>[] = [];
  /** When false, protection and ruleset endpoints answer 403, as for a token without admin rights. */
  admin = true;
  /** The one installation of the app, on this repository (`GET /app/installations`). */
  installationId = 1;
  private readonly holds: { method: string; path: RegExp; waiting: number; released: Promise<void> }[] = [];
  /** What search has indexed of each issue, oldest first, with when it was written. */
  private readonly indexed = new Map<number, { at: number; title: string; body: string; state: string }[]>();
  /** Default PR times count from a day before the emulator started. */
  private readonly epoch = Date.now() - 86_400_000;
  private server?: Server;
  port = 0;

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly dir: string,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => this.send(res, 500, { message: error.message }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A comment by a person, as the webhook for it would describe it. */
  addUserComment(issue: number, login: string, body: string): Comment {
    const comment: Comment = {
      id: 1000 + this.comments.length,
      issue,
      body,
      user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" },
    };
    this.comments.push(comment);
    return comment;
  }

  /** Comments Maestro wrote on a PR other than its sticky one (replies to commands). */
  replies(issue: number): Comment[] {
    return this.comments.filter(
      (c) => c.issue === issue && c.user.login === "maestro[bot]" && !c.body.includes("maestro:sticky"),
    );
  }

  /**
   * Holds every matching request unanswered until `release()` (a slow GitHub, to catch a review
   * half-way); `waiting()` says how many arrived meanwhile.
   */
  hold(method: string, path: RegExp): { release(): void; waiting(): number } {
    let release: () => void = () => undefined;
    const gate = { method, path, waiting: 0, released: new Promise<void>((resolve) => (release = resolve)) };
    this.holds.push(gate);
    return {
      release: () => {
        this.holds.splice(this.holds.indexOf(gate), 1);
        release();
      },
      waiting: () => gate.waiting,
    };
  }

  /** The check runs on one SHA, oldest first. */
  runsOn(sha: string): CheckRun[] {
    return this.checkRuns.filter((r) => r.head_sha === sha);
  }

  sha(ref: string): string {
    return this.git("rev-parse", ref).toString("utf8").trim();
  }

  /** PR `number` as `GET /pulls/{n}` answers it now (and as a pull_request webhook carries it). */
  pullRequestJson(number: number) {
    return this.pullJson(number);
  }

  /** The next number GitHub would give a PR or an issue: one sequence for both. */
  nextNumber(): number {
    return Math.max(0, ...this.pulls.keys(), ...this.issues.map((i) => i.number)) + 1;
  }

  /**
   * An issue someone opened (a person, `dev`, unless `user` says), numbered after every PR and
   * issue. Search finds it at once unless `fresh`, when it waits `searchLagMs` like Maestro's own.
   */
  addIssue(input: {
    title: string;
    body?: string;
    user?: string;
    labels?: string[];
    state?: "open" | "closed";
    fresh?: boolean;
  }): Issue {
    const login = input.user ?? "dev";
    const issue = this.createIssue(
      login,
      input.title,
      input.body ?? null,
      input.labels ?? [],
      input.fresh ? Date.now() : 0,
    );
    if (input.state === "closed") this.editIssue(issue, { state: "closed" }, 0);
    issue.edits = 0;
    return issue;
  }

  /**
   * Merges PR `number` as GitHub's merge button does: a merge commit of its head on its base
   * (`git merge --no-ff`), the PR closed and merged. Returns the merge commit's SHA; throws when the
   * PR is not open or does not merge cleanly, as GitHub refuses it.
   */
  merge(number: number): string {
    const pr = this.pull(number);
    if ((pr.state ?? "open") !== "open") throw new Error(`#${number} is not open`);
    const onto = this.sha(pr.baseRef);
    const mergeCommit = this.onBranch(pr.baseRef, () => {
      try {
        this.git(
          ...GITHUB_IDENTITY,
          "merge",
          "--no-ff",
          "--no-edit",
          "-q",
          "-m",
          `Merge pull request #${number} from ${this.owner}/${pr.headRef}`,
          pr.headRef,
        );
      } catch (error) {
        this.git("merge", "--abort");
        throw error;
      }
      return this.sha("HEAD");
    });
    const at = new Date().toISOString();
    Object.assign(pr, { state: "closed", mergedAt: at, updatedAt: at, mergeCommitSha: mergeCommit, mergedOnto: onto });
    return mergeCommit;
  }

  /**
   * Someone pushes one commit straight to `base`: `files` written (a null content deletes), committed
   * with `message`. Returns what the push webhook says of it.
   */
  pushToBase(base: string, files: Record<string, string | null>, message = "Push to the base branch"): BasePush {
    const before = this.sha(base);
    const after = this.onBranch(base, () => {
      for (const [path, content] of Object.entries(files)) {
        const full = join(this.dir, path);
        if (content === null) rmSync(full, { force: true });
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
      this.git("add", "-A", "--", ...Object.keys(files));
      this.git(...GITHUB_IDENTITY, "commit", "-q", "-m", message);
      return this.sha("HEAD");
    });
    const changed = { added: [] as string[], removed: [] as string[], modified: [] as string[] };
    for (const line of this.git("diff", "--name-status", "--no-renames", before, after).toString("utf8").split("\n")) {
      const [status, path] = line.split("\t");
      if (!path) continue;
      (status === "A" ? changed.added : status === "D" ? changed.removed : changed.modified).push(path);
    }
    return {
      ref: `refs/heads/${base}`,
      before,
      after,
      commits: [{ id: after, message, ...changed }],
      paths: [...changed.added, ...changed.removed, ...changed.modified].sort(),
    };
  }

  /** Runs `work` with `branch` checked out in the repository's working tree, then goes back. */
  private onBranch<T>(branch: string, work: () => T): T {
    const current = this.git("rev-parse", "--abbrev-ref", "HEAD").toString("utf8").trim();
    const back = current === "HEAD" ? ["--detach", this.sha("HEAD")] : [current];
    this.git("checkout", "-q", branch);
    try {
      return work();
    } finally {
      this.git("checkout", "-q", ...back);
    }
  }

  /**
   * Maestro's two GraphQL queries, answered from the repository as GitHub would; any other query is
   * an error, as GitHub answers a bad one.
   * - The files' history (`history(path:)` per file under aliases `f0…`, paths in variables `p0…`):
   *   the newest 50 commits reachable from the commit that touched each path.
   * - The other PRs' files, batched: `pr<N>: pullRequest(number: N) { headRefOid files(first: 100)
   *   { totalCount nodes { path } } }` under `repository(owner:, name:)`. A PR that does not exist is
   *   `null` with a NOT_FOUND error beside the data, as GitHub answers it.
   */
  private graphql(body: unknown): unknown {
    const { query, variables = {} } = (body ?? {}) as { query?: string; variables?: Record<string, unknown> };
    if (query?.includes("history(path: $p0") && typeof variables.oid === "string")
      return this.historyQuery(variables as Record<string, string>);
    if (query !== undefined && /\bpullRequest\s*\(/.test(query)) {
      try {
        return this.pullRequestsQuery(query, variables);
      } catch (error) {
        if (error instanceof GraphqlError) return { errors: [{ message: error.message }] };
        throw error;
      }
    }
    return { errors: [{ message: "the emulator answers only Maestro's history and pull requests' files queries" }] };
  }

  private historyQuery(variables: Record<string, string>): unknown {
    const oid = variables.oid as string;
    const object: Record<string, unknown> = {
      committedDate: this.git("show", "-s", "--format=%cI", oid).toString("utf8").trim(),
    };
    for (const [name, path] of Object.entries(variables)) {
      if (!/^p\d+$/.test(name)) continue;
      const log = this.git("log", "-n", "50", "--format=%cI%x1f%s%x1f%P", oid, "--", `:(literal)${path}`);
      const nodes = log
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [committedDate, messageHeadline, parents = ""] = line.split("\x1f");
          return { committedDate, messageHeadline, parents: { totalCount: parents.split(" ").filter(Boolean).length } };
        });
      object[`f${name.slice(1)}`] = { nodes };
    }
    return { data: { repository: { object } } };
  }

  private pullRequestsQuery(query: string, variables: Record<string, unknown>): unknown {
    const data: Record<string, unknown> = {};
    const errors: Record<string, unknown>[] = [];
    for (const top of parseGraphql(query)) {
      const key = top.alias ?? top.name;
      if (top.name !== "repository") throw new GraphqlError(`the emulator does not answer Query.${top.name}`);
      const args = graphqlArguments(top.args, variables);
      if (`${String(args.owner)}/${String(args.name)}`.toLowerCase() !== `${this.owner}/${this.repo}`.toLowerCase()) {
        data[key] = null;
        errors.push({
          type: "NOT_FOUND",
          path: [key],
          locations: [location(query, top.at)],
          message: `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
        });
        continue;
      }
      const repository: Record<string, unknown> = {};
      for (const field of top.selection) {
        const name = field.alias ?? field.name;
        if (field.name !== "pullRequest")
          throw new GraphqlError(`the emulator does not answer Repository.${field.name}`);
        const number = Number(graphqlArguments(field.args, variables).number);
        const pr = this.pulls.get(number);
        if (!pr) {
          repository[name] = null;
          errors.push({
            type: "NOT_FOUND",
            path: [key, name],
            locations: [location(query, field.at)],
            message: `Could not resolve to a PullRequest with the number of ${number}.`,
          });
          continue;
        }
        repository[name] = this.pullRequestNode(pr, field.selection, variables);
      }
      data[key] = repository;
    }
    return errors.length ? { data, errors } : { data };
  }

  /** The fields of a PullRequest the query selects, from git. */
  private pullRequestNode(pr: PullRequest, selection: GraphqlField[], variables: Record<string, unknown>) {
    const node: Record<string, unknown> = {};
    for (const field of selection) {
      const key = field.alias ?? field.name;
      if (field.name === "headRefOid") node[key] = this.sha(pr.headRef);
      else if (field.name === "number") node[key] = pr.number;
      else if (field.name === "headRefName") node[key] = pr.headRef;
      else if (field.name === "baseRefName") node[key] = pr.baseRef;
      else if (field.name === "updatedAt") node[key] = this.updatedAt(pr);
      else if (field.name === "state") node[key] = pr.mergedAt ? "MERGED" : (pr.state ?? "open").toUpperCase();
      else if (field.name === "__typename") node[key] = "PullRequest";
      else if (field.name === "files") {
        const first = Number(graphqlArguments(field.args, variables).first);
        if (!Number.isInteger(first) || first < 0)
          throw new GraphqlError(
            "You must provide a `first` or `last` value to properly paginate the `files` connection.",
          );
        if (first > 100)
          throw new GraphqlError(
            `Requesting ${first} records on the \`files\` connection exceeds the \`first\` limit of 100 records.`,
          );
        const changes = this.changes(pr);
        const files: Record<string, unknown> = {};
        for (const part of field.selection) {
          const name = part.alias ?? part.name;
          if (part.name === "totalCount") files[name] = changes.length;
          else if (part.name === "nodes")
            files[name] = changes.slice(0, first).map((change) => {
              const file: Record<string, unknown> = {};
              for (const f of part.selection) {
                if (f.name === "path") file[f.alias ?? f.name] = change.path;
                else if (f.name === "additions" || f.name === "deletions") file[f.alias ?? f.name] = change[f.name];
                else throw new GraphqlError(`the emulator does not answer PullRequestChangedFile.${f.name}`);
              }
              return file;
            });
          else if (part.name === "pageInfo")
            files[name] = {
              hasNextPage: changes.length > first,
              endCursor: first > 0 ? Buffer.from(`cursor:${first}`).toString("base64") : null,
            };
          else throw new GraphqlError(`the emulator does not answer PullRequestChangedFileConnection.${part.name}`);
        }
        node[key] = files;
      } else throw new GraphqlError(`the emulator does not answer PullRequest.${field.name}`);
    }
    return node;
  }

  private git(...args: string[]): Buffer {
    return execFileSync("git", args, { cwd: this.dir, maxBuffer: 1 << 30 });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.replace(/^\/api\/v3/, "");
    const raw = await readBody(req);
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    // GraphQL is not in the REST description: the queries Maestro sends are answered from git.
    if (req.method === "POST" && (path === "/api/graphql" || path === "/graphql")) {
      if (this.graphqlDown) return this.send(res, 502, { message: "Server Error" }, {}, path, req.method);
      return this.send(res, 200, this.graphql(body), {}, path, req.method);
    }
    const mismatch = checkRequest(req.method ?? "GET", path, body);
    if (mismatch) this.mismatches.push(mismatch);

    const fault = this.faults.find((f) => f.remaining > 0 && f.method === req.method && f.path.test(path));
    if (fault) {
      fault.remaining--;
      return this.send(res, fault.status, fault.body ?? { message: "injected fault" }, fault.headers, path, req.method);
    }
    const gate = this.holds.find((h) => h.method === req.method && h.path.test(path));
    if (gate) {
      gate.waiting++;
      await gate.released;
    }
    const route = `${req.method} ${path}`;
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;
    let match: RegExpExecArray | null;

    if (route === "GET /app")
      return this.send(res, 200, { id: 1, slug: "maestro", name: "Maestro" }, {}, path, req.method);
    if ((match = /^POST \/app\/installations\/(\d+)\/access_tokens$/.exec(route))) {
      return this.send(
        res,
        201,
        {
          token: `ghs_emulated_${match[1]}`,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: {},
        },
        {},
        path,
        req.method,
      );
    }
    if (route === "GET /app/installations") {
      const installation = {
        id: this.installationId,
        account: { login: this.owner },
        app_id: 1,
        target_type: "Organization",
        suspended_at: null,
      };
      return this.send(res, 200, [installation], {}, path, req.method);
    }
    if (route === "GET /installation/repositories") {
      const repository = {
        id: 1,
        name: this.repo,
        full_name: `${this.owner}/${this.repo}`,
        owner: { login: this.owner },
        archived: false,
        pushed_at: new Date().toISOString(),
      };
      return this.send(res, 200, { total_count: 1, repositories: [repository] }, {}, path, req.method);
    }
    if ((match = /^GET \/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(route))) {
      const member = this.teams.get(`${match[1]}/${match[2]}`)?.has(decodeURIComponent(match[3] as string));
      return member
        ? this.send(res, 200, { url: "", role: "member", state: "active" }, {}, path, req.method)
        : this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
    }
    if (route === "GET /search/issues") {
      const found = this.searchIssues(url.searchParams.get("q") ?? "");
      if ("error" in found)
        return this.send(
          res,
          422,
          { message: "Validation Failed", errors: [{ message: found.error }] },
          {},
          path,
          req.method,
        );
      const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
      const page = Number(url.searchParams.get("page") ?? 1);
      return this.send(
        res,
        200,
        {
          total_count: found.items.length,
          incomplete_results: false,
          items: found.items.slice((page - 1) * perPage, page * perPage),
        },
        {},
        path,
        req.method,
      );
    }
    if (path !== repoPrefix && !path.startsWith(`${repoPrefix}/`))
      return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
    const rest = route.replace(repoPrefix, "");

    if (rest === "GET ")
      return this.send(
        res,
        200,
        {
          name: this.repo,
          full_name: `${this.owner}/${this.repo}`,
          default_branch: "main",
          owner: { login: this.owner },
        },
        {},
        path,
        req.method,
      );
    if ((match = /^(GET|PUT|PATCH|POST) \/(branches\/[^/]+\/protection.*|rulesets.*)$/.exec(rest)) && !this.admin) {
      return this.send(res, 403, { message: "Resource not accessible by personal access token" }, {}, path, req.method);
    }
    if ((match = /^GET \/branches\/([^/]+)$/.exec(rest))) {
      const branch = decodeURIComponent(match[1] as string);
      const exists = this.git("branch", "--list", branch).toString().trim() !== "";
      if (!exists) return this.send(res, 404, { message: "Branch not found" }, {}, path, req.method);
      const status = this.protection.get(branch)?.required_status_checks as
        { contexts?: string[]; checks?: unknown[] } | undefined;
      const protection = {
        enabled: this.protection.has(branch),
        required_status_checks: {
          enforcement_level: status ? "non_admins" : "off",
          contexts: status?.contexts ?? [],
          checks: status?.checks ?? [],
        },
      };
      return this.send(
        res,
        200,
        { name: branch, protected: this.protection.has(branch), protection, commit: { sha: this.sha(branch) } },
        {},
        path,
        req.method,
      );
    }
    if ((match = /^GET \/rules\/branches\/([^/]+)$/.exec(rest))) {
      const rules = this.rulesets.flatMap((r) =>
        ((r.rules as unknown[]) ?? []).map((rule) => ({
          ...(rule as object),
          ruleset_source_type: "Repository",
          ruleset_source: `${this.owner}/${this.repo}`,
          ruleset_id: r.id,
        })),
      );
      return this.send(res, 200, rules, {}, path, req.method);
    }
    if ((match = /^GET \/branches\/([^/]+)\/protection$/.exec(rest))) {
      const current = this.protection.get(decodeURIComponent(match[1] as string));
      return current
        ? this.send(res, 200, current, {}, path, req.method)
        : this.send(res, 404, { message: "Branch not protected" }, {}, path, req.method);
    }
    if ((match = /^PUT \/branches\/([^/]+)\/protection$/.exec(rest))) {
      const input = body as Record<string, unknown>;
      const flag = (key: string) => ({ enabled: Boolean(input[key]) });
      const people = (x: unknown) => {
        const p = x as { users?: string[]; teams?: string[]; apps?: string[] } | null | undefined;
        return p
          ? {
              users: (p.users ?? []).map((login) => ({ login })),
              teams: (p.teams ?? []).map((slug) => ({ slug })),
              apps: (p.apps ?? []).map((slug) => ({ slug })),
            }
          : undefined;
      };
      const reviews = input.required_pull_request_reviews as Record<string, unknown> | null;
      this.protection.set(decodeURIComponent(match[1] as string), {
        required_status_checks: input.required_status_checks,
        enforce_admins: { enabled: Boolean(input.enforce_admins) },
        ...(reviews
          ? {
              required_pull_request_reviews: {
                ...reviews,
                dismissal_restrictions: people(reviews.dismissal_restrictions),
                bypass_pull_request_allowances: people(reviews.bypass_pull_request_allowances),
              },
            }
          : {}),
        ...(input.restrictions ? { restrictions: people(input.restrictions) } : {}),
        required_linear_history: flag("required_linear_history"),
        allow_force_pushes: flag("allow_force_pushes"),
        allow_deletions: flag("allow_deletions"),
        block_creations: flag("block_creations"),
        required_conversation_resolution: flag("required_conversation_resolution"),
        lock_branch: flag("lock_branch"),
        allow_fork_syncing: flag("allow_fork_syncing"),
      });
      return this.send(res, 200, this.protection.get(decodeURIComponent(match[1] as string)), {}, path, req.method);
    }
    if ((match = /^PATCH \/branches\/([^/]+)\/protection\/required_status_checks$/.exec(rest))) {
      const current = this.protection.get(decodeURIComponent(match[1] as string));
      if (!current?.required_status_checks)
        return this.send(res, 404, { message: "Required status checks not enabled" }, {}, path, req.method);
      const input = body as { strict?: boolean; checks?: { context: string }[] };
      current.required_status_checks = {
        ...(current.required_status_checks as object),
        ...input,
        contexts: (input.checks ?? []).map((c) => c.context),
      };
      return this.send(res, 200, current.required_status_checks, {}, path, req.method);
    }
    if (rest === "GET /rulesets")
      return this.send(
        res,
        200,
        this.rulesets.map((r) => ({ id: r.id, name: r.name, enforcement: r.enforcement })),
        {},
        path,
        req.method,
      );
    if ((match = /^GET \/rulesets\/(\d+)$/.exec(rest))) {
      const found = this.rulesets.find((r) => r.id === Number(match?.[1]));
      return found
        ? this.send(res, 200, found, {}, path, req.method)
        : this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
    }
    if (rest === "POST /rulesets") {
      const created = { id: this.rulesets.length + 1, ...(body as object) };
      this.rulesets.push(created);
      return this.send(res, 201, created, {}, path, req.method);
    }
    if ((match = /^PUT \/rulesets\/(\d+)$/.exec(rest))) {
      const found = this.rulesets.find((r) => r.id === Number(match?.[1]));
      if (!found) return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
      Object.assign(found, body as object);
      return this.send(res, 200, found, {}, path, req.method);
    }
    if (rest === "GET /pulls") {
      const params = url.searchParams;
      const state = params.get("state") ?? "open";
      const sort = params.get("sort") ?? "created";
      const direction = params.get("direction") ?? (sort === "created" ? "desc" : "asc");
      if (
        !["open", "closed", "all"].includes(state) ||
        !["created", "updated", "popularity", "long-running"].includes(sort) ||
        !["asc", "desc"].includes(direction)
      )
        return this.send(res, 422, { message: "Validation Failed" }, {}, path, req.method);
      const base = params.get("base");
      const head = params.get("head");
      const now = Date.now();
      const month = 30 * 86_400_000;
      const pulls = [...this.pulls.values()].filter(
        (p) =>
          (state === "all" || (p.state ?? "open") === state) &&
          (base === null || p.baseRef === base) &&
          (head === null || `${this.owner}:${p.headRef}` === head) &&
          // long-running: open more than a month, active within the last one.
          (sort !== "long-running" ||
            (now - Date.parse(this.createdAt(p)) > month && now - Date.parse(this.updatedAt(p)) < month)),
      );
      const key = (p: PullRequest) =>
        sort === "updated"
          ? Date.parse(this.updatedAt(p))
          : sort === "popularity"
            ? this.comments.filter((c) => c.issue === p.number).length
            : Date.parse(this.createdAt(p));
      pulls.sort((a, b) => (key(a) - key(b) || a.number - b.number) * (direction === "asc" ? 1 : -1));
      return this.paginate(
        res,
        url,
        pulls.map((p) => this.pullSimpleJson(p.number)),
        path,
      );
    }
    if (rest === "GET /issues") {
      // Issues and PRs alike, as GitHub lists them; filtered by state, creator and labels (all of them).
      const params = url.searchParams;
      const state = params.get("state") ?? "open";
      const creator = params.get("creator");
      const labels = params.get("labels")?.split(",").filter(Boolean) ?? [];
      const direction = params.get("direction") ?? "desc";
      const all = [
        ...this.issues.map((i) => this.issueJson(i)),
        ...[...this.pulls.keys()].map((n) => this.pullIssueJson(n)),
      ].filter(
        (i) =>
          (state === "all" || i.state === state) &&
          (creator === null || i.user.login === creator) &&
          labels.every((l) => i.labels.some((label) => label.name === l)),
      );
      const key = params.get("sort") === "updated" ? "updated_at" : "created_at";
      all.sort(
        (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.number - b.number) * (direction === "asc" ? 1 : -1),
      );
      return this.paginate(res, url, all, path);
    }
    if (rest === "POST /issues") {
      const input = body as { title: string | number; body?: string; labels?: unknown[] };
      const issue = this.createIssue(
        MAESTRO_BOT.login,
        String(input.title),
        input.body ?? null,
        (input.labels ?? []).map(labelName),
        Date.now(),
      );
      return this.send(
        res,
        201,
        this.issueJson(issue),
        { location: this.apiUrl(`/issues/${issue.number}`) },
        path,
        req.method,
      );
    }
    if ((match = /^(GET|PATCH) \/issues\/(\d+)$/.exec(rest))) {
      const number = Number(match[2]);
      const issue = this.issues.find((i) => i.number === number);
      const pr = this.pulls.get(number);
      if (!issue && !pr) return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
      if (match[1] === "PATCH") {
        const input = body as { title?: unknown; body?: unknown; state?: unknown; labels?: unknown };
        if (issue) this.editIssue(issue, input);
        else if (pr) {
          if (typeof input.title === "string") pr.title = input.title;
          if (typeof input.body === "string") pr.body = input.body;
          if (input.state === "open" || input.state === "closed") pr.state = input.state;
          if (Array.isArray(input.labels)) pr.labels = input.labels.map(labelName);
          pr.updatedAt = new Date().toISOString();
        }
      }
      return this.send(res, 200, issue ? this.issueJson(issue) : this.pullIssueJson(number), {}, path, req.method);
    }
    if ((match = /^GET \/commits\/([^/]+)\/check-runs$/.exec(rest))) {
      const sha = this.sha(decodeURIComponent(match[1] as string));
      const name = url.searchParams.get("check_name");
      const appId = url.searchParams.get("app_id");
      const runs = this.runsOn(sha).filter(
        (r) => (!name || r.name === name) && (!appId || (r.app_id ?? 1) === Number(appId)),
      );
      // filter=latest (the default): the newest run per name and app.
      const latest =
        url.searchParams.get("filter") === "all"
          ? runs
          : runs.filter(
              (r) => !runs.some((o) => o.id > r.id && o.name === r.name && (o.app_id ?? 1) === (r.app_id ?? 1)),
            );
      return this.send(
        res,
        200,
        { total_count: latest.length, check_runs: latest.reverse().map((r) => this.checkRunJson(r)) },
        {},
        path,
        req.method,
      );
    }
    if ((match = /^GET \/pulls\/(\d+)$/.exec(rest)))
      return this.send(res, 200, this.pullJson(Number(match[1])), {}, path, req.method);
    if ((match = /^GET \/pulls\/(\d+)\/files$/.exec(rest))) {
      const pr = this.pull(Number(match[1]));
      const files = await this.files(this.mergeBase(pr), this.sha(pr.headRef));
      return this.paginate(res, url, files, path);
    }
    if ((match = /^GET \/tarball\/(.+)$/.exec(rest))) {
      const sha = this.sha(decodeURIComponent(match[1] as string));
      const archive = this.git(
        "archive",
        "--format=tar.gz",
        `--prefix=${this.owner}-${this.repo}-${sha.slice(0, 7)}/`,
        sha,
      );
      this.requests.push({ method: "GET", path, status: 200, at: Date.now() });
      res.writeHead(200, { "content-type": "application/x-gzip" });
      return void res.end(archive);
    }
    if ((match = /^GET \/contents\/(.+)$/.exec(rest))) {
      // One file at a commit, raw (Accept: application/vnd.github.raw), as GitHub gives it whatever .gitattributes
      // says.
      const file = decodeURIComponent(match[1] as string);
      const ref = url.searchParams.get("ref") ?? "HEAD";
      let bytes: Buffer;
      try {
        bytes = this.git("show", `${ref}:${file}`);
      } catch {
        return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
      }
      if (!String(req.headers.accept ?? "").includes("raw"))
        return this.send(
          res,
          200,
          {
            type: "file",
            encoding: "base64",
            path: file,
            name: file.split("/").at(-1),
            content: bytes.toString("base64"),
          },
          {},
          path,
          req.method,
        );
      this.requests.push({ method: "GET", path, status: 200, at: Date.now() });
      res.writeHead(200, { "content-type": "application/vnd.github.raw" });
      return void res.end(bytes);
    }
    if ((match = /^GET \/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest))) {
      const base = this.git("merge-base", match[1] as string, match[2] as string)
        .toString("utf8")
        .trim();
      return this.send(
        res,
        200,
        { merge_base_commit: { sha: base }, files: (await this.files(base, match[2] as string)).slice(0, 300) },
        {},
        path,
        req.method,
      );
    }
    if (rest === "POST /check-runs") {
      const input = body as Record<string, unknown>;
      const run: CheckRun = {
        id: this.checkRuns.length + 1,
        head_sha: String(input.head_sha),
        name: String(input.name),
        status: String(input.status ?? "queued"),
        annotations: [],
        created: Date.now(),
        started_at: String(input.started_at ?? new Date().toISOString()),
      };
      this.applyCheckUpdate(run, input);
      this.checkRuns.push(run);
      return this.send(
        res,
        201,
        { id: run.id, head_sha: run.head_sha, name: run.name, status: run.status },
        {},
        path,
        req.method,
      );
    }
    if ((match = /^PATCH \/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.find((r) => r.id === Number(match?.[1]));
      if (!run) return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
      this.applyCheckUpdate(run, body as Record<string, unknown>);
      return this.send(
        res,
        200,
        { id: run.id, status: run.status, conclusion: run.conclusion ?? null },
        {},
        path,
        req.method,
      );
    }
    if ((match = /^GET \/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(match[1]);
      return this.paginate(
        res,
        url,
        this.comments.filter((c) => c.issue === issue),
        path,
      );
    }
    if ((match = /^POST \/commits\/([0-9a-f]{40})\/comments$/.exec(rest))) {
      const comment = { sha: match[1] as string, body: String((body as { body: string }).body) };
      this.commitComments.push(comment);
      return this.send(
        res,
        201,
        {
          id: 5000 + this.commitComments.length,
          body: comment.body,
          commit_id: comment.sha,
          user: { login: "maestro[bot]", type: "Bot" },
          html_url: "",
          url: "",
          node_id: "",
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        },
        {},
        path,
        req.method,
      );
    }
    if ((match = /^POST \/issues\/(\d+)\/comments$/.exec(rest))) {
      const comment: Comment = {
        id: 1000 + this.comments.length,
        issue: Number(match[1]),
        body: String((body as { body: string }).body),
        user: { ...MAESTRO_BOT },
      };
      this.comments.push(comment);
      return this.send(res, 201, comment, {}, path, req.method);
    }
    if ((match = /^GET \/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const login = decodeURIComponent(match[1] as string);
      const role = this.roles.get(login);
      if (!role) return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
      const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
      return this.send(res, 200, { permission, role_name: role, user: { login } }, {}, path, req.method);
    }
    if ((match = /^POST \/issues\/comments\/(\d+)\/reactions$/.exec(rest))) {
      this.reactions.push({ commentId: Number(match[1]), content: String((body as { content: string }).content) });
      return this.send(
        res,
        201,
        { id: this.reactions.length, content: (body as { content: string }).content },
        {},
        path,
        req.method,
      );
    }
    if ((match = /^PATCH \/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.comments.find((c) => c.id === Number(match?.[1]));
      if (!comment) return this.send(res, 404, { message: "Not Found" }, {}, path, req.method);
      comment.body = String((body as { body: string }).body);
      return this.send(res, 200, comment, {}, path, req.method);
    }
    return this.send(res, 404, { message: `emulator has no ${route}` }, {}, path, req.method);
  }

  private checkRunJson(run: CheckRun) {
    return {
      id: run.id,
      head_sha: run.head_sha,
      name: run.name,
      status: run.status,
      conclusion: run.conclusion ?? null,
      started_at: run.started_at ?? null,
      completed_at: run.completed ? new Date(run.completed).toISOString() : null,
      external_id: run.external_id ?? null,
      details_url: run.details_url ?? null,
      app: {
        id: run.app_id ?? 1,
        slug: run.app_id === undefined || run.app_id === 1 ? "maestro" : `app-${run.app_id}`,
      },
    };
  }

  private applyCheckUpdate(run: CheckRun, input: Record<string, unknown>): void {
    for (const key of ["status", "conclusion", "external_id", "details_url", "actions"] as const) {
      if (input[key] !== undefined) (run as unknown as Record<string, unknown>)[key] = input[key];
    }
    const output = input.output as
      { title: string; summary: string; annotations?: Record<string, unknown>[] } | undefined;
    if (output) {
      run.output = { title: output.title, summary: output.summary };
      run.annotations.push(...(output.annotations ?? []));
    }
    if (input.status === "completed" || input.conclusion) {
      run.status = "completed";
      run.completed = Date.now();
    }
  }

  private pull(number: number): PullRequest {
    const pr = this.pulls.get(number);
    if (!pr) throw new Error(`no pull request #${number}`);
    return pr;
  }

  /** Where the PR's diff starts: the merge base with its base, or with the base it was merged onto. */
  private mergeBase(pr: PullRequest): string {
    return this.git("merge-base", pr.mergedOnto ?? pr.baseRef, pr.headRef)
      .toString("utf8")
      .trim();
  }

  private createdAt(pr: PullRequest): string {
    return pr.createdAt ?? new Date(this.epoch + pr.number * 1000).toISOString();
  }

  private updatedAt(pr: PullRequest): string {
    return pr.updatedAt ?? this.createdAt(pr);
  }

  /** The PR's changed paths (a rename by its new name) with line counts, in path order as GitHub lists them. */
  private changes(pr: PullRequest): { path: string; additions: number; deletions: number }[] {
    const fields = this.git("diff", "--numstat", "-z", this.mergeBase(pr), this.sha(pr.headRef))
      .toString("utf8")
      .split("\0");
    const changes: { path: string; additions: number; deletions: number }[] = [];
    for (let i = 0; i < fields.length; i++) {
      const found = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(fields[i] as string);
      if (!found) continue;
      // A rename is "adds\tdels\t" then the old and the new path as fields of their own.
      const path = found[3] ? found[3] : ((i += 2), fields[i] as string);
      changes.push({ path, additions: Number(found[1]) || 0, deletions: Number(found[2]) || 0 });
    }
    return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private account(
    login: string,
    id = accountId(login),
    type: "User" | "Bot" = login.endsWith("[bot]") ? "Bot" : "User",
  ) {
    return {
      login,
      id,
      node_id: Buffer.from(`04:${type}${id}`).toString("base64"),
      type,
      site_admin: false,
      html_url: `http://127.0.0.1:${this.port}/${login}`,
    };
  }

  private apiUrl(rest: string): string {
    return `http://127.0.0.1:${this.port}/repos/${this.owner}/${this.repo}${rest}`;
  }

  private htmlUrl(rest: string): string {
    return `http://127.0.0.1:${this.port}/${this.owner}/${this.repo}${rest}`;
  }

  private labelJson(name: string) {
    const id = accountId(`label:${name}`);
    return {
      id,
      node_id: Buffer.from(`010:Label${id}`).toString("base64"),
      url: this.apiUrl(`/labels/${encodeURIComponent(name)}`),
      name,
      color: "ededed",
      default: false,
      description: null,
    };
  }

  /** A PR in the list's simple form (no `merged`, `changed_files` and line counts). */
  private pullSimpleJson(number: number) {
    const pr = this.pull(number);
    const state = pr.state ?? "open";
    const updated = this.updatedAt(pr);
    const branch = (ref: string) => ({
      label: `${this.owner}:${ref}`,
      ref,
      sha: this.sha(ref),
      user: this.account(this.owner, accountId(this.owner), "User"),
      repo: { id: 1, name: this.repo, full_name: `${this.owner}/${this.repo}`, owner: { login: this.owner } },
    });
    return {
      url: this.apiUrl(`/pulls/${number}`),
      id: 1_000_000_000 + number,
      node_id: Buffer.from(`011:PullRequest${1_000_000_000 + number}`).toString("base64"),
      html_url: this.htmlUrl(`/pull/${number}`),
      diff_url: this.htmlUrl(`/pull/${number}.diff`),
      patch_url: this.htmlUrl(`/pull/${number}.patch`),
      issue_url: this.apiUrl(`/issues/${number}`),
      number,
      state,
      locked: false,
      title: pr.title ?? `PR ${number}`,
      user: this.account(pr.user, pr.userId, pr.userType),
      body: pr.body ?? null,
      labels: pr.labels.map((name) => this.labelJson(name)),
      milestone: null,
      active_lock_reason: null,
      created_at: this.createdAt(pr),
      updated_at: updated,
      closed_at: state === "closed" ? (pr.mergedAt ?? updated) : null,
      merged_at: pr.mergedAt ?? null,
      merge_commit_sha: pr.mergeCommitSha ?? null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branch(pr.headRef),
      base: pr.mergedOnto ? { ...branch(pr.baseRef), sha: pr.mergedOnto } : branch(pr.baseRef),
      author_association: "CONTRIBUTOR",
      auto_merge: null,
      draft: pr.draft,
    };
  }

  /** A PR in the full form of `GET /pulls/{n}` and of webhooks. */
  private pullJson(number: number) {
    const pr = this.pull(number);
    const changes = this.changes(pr);
    return {
      ...this.pullSimpleJson(number),
      merged: pr.mergedAt !== undefined,
      mergeable: pr.mergedAt ? null : true,
      mergeable_state: pr.mergedAt ? "unknown" : "clean",
      merged_by: pr.mergedAt ? this.account(this.owner, accountId(this.owner), "User") : null,
      comments: this.comments.filter((c) => c.issue === number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: Number(
        this.git("rev-list", "--count", `${this.mergeBase(pr)}..${pr.headRef}`)
          .toString("utf8")
          .trim(),
      ),
      additions: changes.reduce((sum, c) => sum + c.additions, 0),
      deletions: changes.reduce((sum, c) => sum + c.deletions, 0),
      changed_files: changes.length,
    };
  }

  /** A PR in the form `GET /issues/{n}` and search give it: with `pull_request`, and the app that opened it. */
  private pullIssueJson(number: number) {
    const pr = this.pullSimpleJson(number);
    const app = this.pull(number).app;
    return {
      url: pr.issue_url,
      repository_url: this.apiUrl(""),
      labels_url: this.apiUrl(`/issues/${number}/labels{/name}`),
      comments_url: this.apiUrl(`/issues/${number}/comments`),
      events_url: this.apiUrl(`/issues/${number}/events`),
      html_url: pr.html_url,
      id: pr.id,
      node_id: pr.node_id,
      number,
      title: pr.title,
      user: pr.user,
      labels: pr.labels,
      state: pr.state,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: this.comments.filter((c) => c.issue === number).length,
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      closed_at: pr.closed_at,
      author_association: pr.author_association,
      active_lock_reason: null,
      draft: pr.draft,
      pull_request: {
        url: pr.url,
        html_url: pr.html_url,
        diff_url: pr.diff_url,
        patch_url: pr.patch_url,
        merged_at: pr.merged_at,
      },
      body: pr.body,
      performed_via_github_app: app
        ? {
            id: app.id,
            slug: app.slug,
            node_id: Buffer.from(`03:Integration${app.id}`).toString("base64"),
            owner: this.account(this.owner, accountId(this.owner), "User"),
            name: app.slug,
            description: null,
            external_url: `https://example.com/${app.slug}`,
            html_url: `https://github.com/apps/${app.slug}`,
            created_at: "2024-01-01T00:00:00Z",
            updated_at: "2024-01-01T00:00:00Z",
            permissions: {},
            events: [],
          }
        : null,
    };
  }

  private issueJson(issue: Issue) {
    const number = issue.number;
    return {
      url: this.apiUrl(`/issues/${number}`),
      repository_url: this.apiUrl(""),
      labels_url: this.apiUrl(`/issues/${number}/labels{/name}`),
      comments_url: this.apiUrl(`/issues/${number}/comments`),
      events_url: this.apiUrl(`/issues/${number}/events`),
      html_url: this.htmlUrl(`/issues/${number}`),
      id: issue.id,
      node_id: Buffer.from(`05:Issue${issue.id}`).toString("base64"),
      number,
      title: issue.title,
      user: this.account(issue.user.login, issue.user.id, issue.user.type),
      labels: issue.labels.map((name) => this.labelJson(name)),
      state: issue.state,
      state_reason: issue.state === "closed" ? "completed" : null,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: this.comments.filter((c) => c.issue === number).length,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt ?? null,
      author_association: issue.user.type === "Bot" ? "NONE" : "MEMBER",
      active_lock_reason: null,
      body: issue.body,
      performed_via_github_app: null,
    };
  }

  /** A new issue; `indexedAt` is when search's index takes it in (0: long ago). */
  private createIssue(login: string, title: string, body: string | null, labels: string[], indexedAt: number): Issue {
    const number = this.nextNumber();
    const now = new Date().toISOString();
    const issue: Issue = {
      number,
      id: 2_000_000_000 + number,
      title,
      body,
      state: "open",
      labels,
      user: { login, id: accountId(login), type: login.endsWith("[bot]") ? "Bot" : "User" },
      createdAt: now,
      updatedAt: now,
      edits: 0,
    };
    this.issues.push(issue);
    this.indexed.set(number, [{ at: indexedAt, title, body: body ?? "", state: "open" }]);
    return issue;
  }

  private editIssue(
    issue: Issue,
    input: { title?: unknown; body?: unknown; state?: unknown; labels?: unknown },
    indexedAt = Date.now(),
  ): void {
    if (input.title !== undefined && input.title !== null) issue.title = String(input.title);
    if (input.body !== undefined) issue.body = input.body === null ? null : String(input.body);
    if (input.state === "open" || input.state === "closed") {
      if (input.state === "closed" && issue.state === "open") issue.closedAt = new Date().toISOString();
      if (input.state === "open") delete issue.closedAt;
      issue.state = input.state;
    }
    if (Array.isArray(input.labels)) issue.labels = input.labels.map(labelName);
    issue.updatedAt = new Date().toISOString();
    issue.edits++;
    this.indexed
      .get(issue.number)
      ?.push({ at: indexedAt, title: issue.title, body: issue.body ?? "", state: issue.state });
  }

  /**
   * `GET /search/issues`: the qualifiers Maestro may use (`repo:`, `is:`/`type:`/`state:`, `in:`,
   * `author:`, `label:`), quoted phrases and bare words, matched word by word as GitHub's index does
   * (punctuation splits words; a bare word with a colon that is no qualifier is words too). An
   * issue is found as it was `searchLagMs` ago; PRs as they are.
   */
  private searchIssues(q: string): { items: unknown[] } | { error: string } {
    let kind: "issue" | "pr" | undefined;
    let state: string | undefined;
    let fields: ("title" | "body" | "comments")[] = ["title", "body", "comments"];
    let author: string | undefined;
    const labels: string[] = [];
    const phrases: string[][] = [];
    let otherRepo = false;
    for (const [, key, quoted, bare] of q.matchAll(/(?:([a-z]+):)?(?:"([^"]*)"|(\S+))/gi)) {
      const value = (quoted ?? bare ?? "").toLowerCase();
      const qualifier = key?.toLowerCase();
      if (qualifier === "repo") otherRepo ||= value !== `${this.owner}/${this.repo}`.toLowerCase();
      else if (
        (qualifier === "is" || qualifier === "type") &&
        (value === "issue" || value === "pr" || value === "pull-request")
      )
        kind = value === "issue" ? "issue" : "pr";
      else if ((qualifier === "is" || qualifier === "state") && (value === "open" || value === "closed")) state = value;
      else if (qualifier === "is" || qualifier === "type" || qualifier === "state")
        return { error: `the emulator does not understand ${qualifier}:${value}` };
      else if (qualifier === "in") {
        const wanted = value.split(",");
        if (!wanted.every((w) => w === "title" || w === "body" || w === "comments"))
          return { error: `the emulator does not understand in:${value}` };
        fields = wanted as typeof fields;
      } else if (qualifier === "author") author = value;
      else if (qualifier === "label") labels.push(value);
      else {
        const words = searchWords(key ? `${key}:${value}` : value);
        if (quoted !== undefined) phrases.push(words);
        else phrases.push(...words.map((w) => [w]));
      }
    }
    if (otherRepo) return { items: [] };
    const now = Date.now();
    const candidates: {
      number: number;
      title: string;
      body: string;
      state: string;
      login: string;
      labels: string[];
      issue?: Issue;
    }[] = [];
    if (kind !== "pr")
      for (const issue of this.issues) {
        const seen = this.indexed
          .get(issue.number)
          ?.filter((v) => v.at <= now - this.searchLagMs)
          .at(-1);
        if (seen)
          candidates.push({ number: issue.number, ...seen, login: issue.user.login, labels: issue.labels, issue });
      }
    if (kind !== "issue")
      for (const pr of this.pulls.values())
        candidates.push({
          number: pr.number,
          title: pr.title ?? `PR ${pr.number}`,
          body: pr.body ?? "",
          state: pr.state ?? "open",
          login: pr.user,
          labels: pr.labels,
        });
    const found = candidates.filter((c) => {
      if (state && c.state !== state) return false;
      if (author && c.login.toLowerCase() !== author) return false;
      if (!labels.every((l) => c.labels.some((name) => name.toLowerCase() === l))) return false;
      const texts = fields.flatMap((f) =>
        f === "comments" ? this.comments.filter((m) => m.issue === c.number).map((m) => m.body) : [c[f]],
      );
      const words = texts.map(searchWords);
      return phrases.every((phrase) => words.some((w) => containsRun(w, phrase)));
    });
    return {
      items: found
        .sort((a, b) => b.number - a.number)
        .map((c) => ({ ...(c.issue ? this.issueJson(c.issue) : this.pullIssueJson(c.number)), score: 1 })),
    };
  }

  /**
   * As GitHub lists a change's files: a file whose patch is larger than `patchLimit` bytes comes
   * without one, and once the patches listed reach `diffLimit` bytes the rest come without a patch
   * and with additions and deletions of 0 (GitHub's per-response diff limit).
   */
  private async files(base: string, head: string) {
    const change = await openGitChange({ repoDir: this.dir, base, head });
    let listed = 0;
    return (await change.files()).map((f) => {
      const overLimit = listed >= this.diffLimit;
      const patch = f.patch !== undefined && !overLimit && f.patch.length <= this.patchLimit ? f.patch : undefined;
      listed += patch?.length ?? 0;
      return {
        sha: "0".repeat(40),
        filename: f.path,
        status: f.status,
        additions: overLimit ? 0 : f.additions,
        deletions: overLimit ? 0 : f.deletions,
        changes: overLimit ? 0 : f.additions + f.deletions,
        blob_url: "",
        raw_url: "",
        contents_url: "",
        ...(patch !== undefined ? { patch } : {}),
        ...(f.previousPath !== undefined ? { previous_filename: f.previousPath } : {}),
      };
    });
  }

  private paginate(res: ServerResponse, url: URL, items: readonly unknown[], path: string): void {
    const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
    const page = Number(url.searchParams.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URL(url.toString());
      next.host = `127.0.0.1:${this.port}`;
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.toString()}>; rel="next", <${next.toString().replace(/page=\d+/, `page=${last}`)}>; rel="last"`;
    }
    this.send(res, 200, items.slice((page - 1) * perPage, page * perPage), headers, path, "GET");
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    path = "",
    method = "GET",
  ): void {
    this.requests.push({ method, path, status, at: Date.now() });
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A stable account id for a login, as GitHub gives each account one number. */
function accountId(login: string): number {
  let hash = 0;
  for (const char of login) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return 1_000_000 + (hash % 100_000_000);
}

function labelName(label: unknown): string {
  return typeof label === "string" ? label : String((label as { name?: string }).name);
}

/** Text as search's index splits it: lower-case words, punctuation dropped. */
function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
}

/** Whether `words` holds `run` as consecutive words. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return true;
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, j) => words[i + j] === w)) return true;
  return false;
}
