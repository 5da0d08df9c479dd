import { execFileSync } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openGitChange } from "../../src/gather/git/git-change.js";
import { checkRequest } from "./openapi-validator.js";

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

export class GitHubEmulator {
  readonly pulls = new Map<number, PullRequest>();
  readonly checkRuns: CheckRun[] = [];
  readonly comments: Comment[] = [];
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

  /**
   * The files' history query (`history(path:)` per file under aliases `f0…`, paths in variables
   * `p0…`), answered from the repository as GitHub would: the newest 50 commits reachable from the
   * commit that touched each path. Any other query is an error, as GitHub answers a bad one.
   */
  private graphql(body: unknown): unknown {
    const { query, variables } = (body ?? {}) as { query?: string; variables?: Record<string, string> };
    if (!query?.includes("history(path: $p0") || !variables?.oid)
      return { errors: [{ message: "the emulator answers only Maestro's history query" }] };
    const object: Record<string, unknown> = {
      committedDate: this.git("show", "-s", "--format=%cI", variables.oid).toString("utf8").trim(),
    };
    for (const [name, path] of Object.entries(variables)) {
      if (!/^p\d+$/.test(name)) continue;
      const log = this.git("log", "-n", "50", "--format=%cI%x1f%s%x1f%P", variables.oid, "--", `:(literal)${path}`);
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

  private git(...args: string[]): Buffer {
    return execFileSync("git", args, { cwd: this.dir, maxBuffer: 1 << 30 });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.replace(/^\/api\/v3/, "");
    const raw = await readBody(req);
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    // GraphQL is not in the REST description: the one query Maestro sends is answered from git.
    if (req.method === "POST" && (path === "/api/graphql" || path === "/graphql"))
      return this.send(res, 200, this.graphql(body), {}, path, req.method);
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
      const state = url.searchParams.get("state") ?? "open";
      const numbers = [...this.pulls.values()]
        .filter((p) => state === "all" || (p.state ?? "open") === state)
        .map((p) => p.number);
      return this.paginate(
        res,
        url,
        numbers.sort((a, b) => b - a).map((n) => this.pullJson(n)),
        path,
      );
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
    if ((match = /^POST \/issues\/(\d+)\/comments$/.exec(rest))) {
      const comment: Comment = {
        id: 1000 + this.comments.length,
        issue: Number(match[1]),
        body: String((body as { body: string }).body),
        user: { login: "maestro[bot]", type: "Bot" },
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

  private mergeBase(pr: PullRequest): string {
    return this.git("merge-base", pr.baseRef, pr.headRef).toString("utf8").trim();
  }

  private pullJson(number: number) {
    const pr = this.pull(number);
    const files = this.git("diff", "--name-only", this.mergeBase(pr), this.sha(pr.headRef))
      .toString("utf8")
      .split("\n")
      .filter(Boolean);
    return {
      number,
      state: pr.state ?? "open",
      title: pr.title ?? `PR ${number}`,
      body: pr.body ?? null,
      updated_at: new Date().toISOString(),
      html_url: `http://127.0.0.1:${this.port}/${this.owner}/${this.repo}/pull/${number}`,
      draft: pr.draft,
      changed_files: files.length,
      user: { login: pr.user, type: pr.user.endsWith("[bot]") ? "Bot" : "User" },
      labels: pr.labels.map((name) => ({ name })),
      head: { sha: this.sha(pr.headRef), ref: pr.headRef },
      base: { sha: this.sha(pr.baseRef), ref: pr.baseRef },
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
