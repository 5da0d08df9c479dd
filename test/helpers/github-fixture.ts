import { generateKeyPairSync } from "node:crypto";
import { gzipSync } from "node:zlib";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import nock from "nock";
import { pack } from "tar-stream";
import { Probot } from "probot";
import { createMaestroOctokit } from "../../src/app/maestro-octokit.js";
import { createMaestroApp } from "../../src/app/maestro-app.js";
import type { JobQueue } from "../../src/app/in-process-queue.js";
import type { Job } from "../../src/app/review-job.js";
import { testLog } from "./test-log.js";

export { expectLoggedError, testLog } from "./test-log.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const INSTALLATION = 4242;
export const API = "https://api.github.com";

export const testPrivateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

/** A recorded webhook payload from @octokit/webhooks-examples, with an installation and our overrides. */
export function recordedPayload(
  event: string,
  action: string | undefined,
  patch: (payload: Record<string, unknown>) => void = () => undefined,
): Record<string, unknown> {
  const group = (examples as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === event);
  const found = group?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no recorded ${event}.${action} payload`);
  const payload = structuredClone(found);
  payload.installation = { id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  patch(payload);
  return payload;
}

/**
 * A Probot running Maestro with retries quick and throttling off, and a handle on its queue. `pushSettleMs`: how long
 * a push waits for a newer one (the app's default unless given).
 */
export async function createTestApp({
  throttled = false,
  pushSettleMs,
}: { throttled?: boolean; pushSettleMs?: number } = {}): Promise<{
  probot: Probot;
  queue: () => JobQueue<Job>;
}> {
  let queue: JobQueue<Job> | undefined;
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey,
    // Throttling spaces writes a second apart: real, but slow for unit tests (the e2e test keeps it).
    Octokit: createMaestroOctokit(throttled ? {} : { enabled: false }).defaults({
      retry: { retries: 2, retryAfterBaseValue: 1 },
    }),
    log: testLog(),
  });
  await probot.load(
    createMaestroApp({ onQueue: (q) => (queue = q), ...(pushSettleMs !== undefined ? { pushSettleMs } : {}) }),
    {
      addHandler: () => undefined,
      cwd: process.cwd(),
    },
  );
  return { probot, queue: () => queue as JobQueue<Job> };
}

/** A commit's files as GitHub's tarball endpoint sends them (gzip, paths under `owner-repo-sha/`). */
export async function tarball(sha: string, files: Record<string, string | Buffer>): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => archive.on("end", () => resolve()));
  archive.entry({ name: `${OWNER}-${REPO}-${sha.slice(0, 7)}/`, type: "directory" });
  for (const [path, content] of Object.entries(files))
    archive.entry({ name: `${OWNER}-${REPO}-${sha.slice(0, 7)}/${path}` }, content);
  archive.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** GitHub's pulls/{n}/files entries for a change: status, counts and a one-hunk patch. */
export function prFiles(base: Record<string, string>, head: Record<string, string>) {
  const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  return paths.flatMap((path) => {
    const before = base[path];
    const after = head[path];
    if (before === after) return [];
    const oldLines = before ? before.replace(/\n$/, "").split("\n") : [];
    const newLines = after ? after.replace(/\n$/, "").split("\n") : [];
    const patch = [
      `@@ -${oldLines.length ? 1 : 0},${oldLines.length} +${newLines.length ? 1 : 0},${newLines.length} @@`,
      ...oldLines.map((l) => `-${l}`),
      ...newLines.map((l) => `+${l}`),
    ].join("\n");
    const status = before === undefined ? "added" : after === undefined ? "removed" : "modified";
    return [
      {
        sha: "0".repeat(40),
        filename: path,
        status,
        additions: newLines.length,
        deletions: oldLines.length,
        changes: newLines.length + oldLines.length,
        blob_url: "",
        raw_url: "",
        contents_url: "",
        patch,
      },
    ];
  });
}

export interface ReviewMock {
  readonly pullNumber?: number;
  readonly headSha: string;
  readonly baseSha: string;
  readonly baseFiles: Record<string, string>;
  readonly headFiles: Record<string, string>;
  readonly login?: string;
  readonly draft?: boolean;
  readonly checkRunId?: number;
  readonly comments?: { id: number; body: string; user: { login: string; type: string } }[];
  /** The app already holds the base snapshot from an earlier review: no second download. */
  readonly cachedBase?: boolean;
  /** A review of a head a newer push replaced: it reads the sticky comment (sign-offs) but must not write it. */
  readonly olderHead?: boolean;
  /** Whether the base branch requires the Maestro check (by a ruleset); required unless told. */
  readonly requiredCheck?: boolean;
  /** Commit subjects that touched each base path lately (answered to the history query); none unless told. */
  readonly history?: Readonly<Record<string, readonly string[]>>;
  /** The open PRs on main as GitHub lists them for contention; only this PR unless told. */
  readonly openPulls?: readonly Record<string, unknown>[];
}

export interface Written {
  checkCreate?: Record<string, unknown>;
  checkUpdates: Record<string, unknown>[];
  /** The sticky comment as written: posted, or edited in place (with the id of the comment edited). */
  comment?: { method: "POST" | "PATCH"; commentId?: number; body: string };
}

/** Maestro's bot login as the mocked `GET /app` makes it. */
export const BOT_LOGIN = "maestro[bot]";

/** nock for one whole review of a PR, in the order Maestro makes its requests; returns what it wrote. */
export function mockPullRequestReview(mock: ReviewMock, scope = nock(API)): { scope: nock.Scope; written: Written } {
  const {
    pullNumber = 2,
    headSha,
    baseSha,
    baseFiles,
    headFiles,
    login = "copilot-swe-agent[bot]",
    checkRunId = 77,
    comments = [],
  } = mock;
  const written: Written = { checkUpdates: [] };
  const repoPath = `/repos/${OWNER}/${REPO}`;
  scope
    .get("/app")
    .optionally() // asked once per app, for Maestro's own bot login
    .reply(200, { id: 1, slug: "maestro", name: "Maestro" })
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .optionally() // Probot caches the installation token: a second review in the same app reuses it
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .post(`${repoPath}/check-runs`, (body) =>
      body.head_sha === headSha ? ((written.checkCreate = body), true) : false,
    )
    .reply(201, { id: checkRunId })
    .get(`${repoPath}/pulls/${pullNumber}`)
    .reply(200, {
      number: pullNumber,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${pullNumber}`,
      title: "Add the feature",
      body: null,
      draft: mock.draft ?? false,
      changed_files: prFiles(baseFiles, headFiles).length,
      user: { login },
      head: { sha: headSha, ref: "feature" },
      base: { sha: baseSha, ref: "main" },
      labels: [],
    });
  mockBranchGate(scope, "main", mock.requiredCheck ?? true);
  if (!mock.cachedBase)
    scope
      .get(`${repoPath}/tarball/${baseSha}`)
      .reply(200, () => tarball(baseSha, baseFiles), { "content-type": "application/x-gzip" });
  scope
    .get(`${repoPath}/tarball/${headSha}`)
    .reply(200, () => tarball(headSha, headFiles), { "content-type": "application/x-gzip" })
    .get(`${repoPath}/pulls/${pullNumber}/files`)
    .query({ per_page: 100 })
    .reply(200, prFiles(baseFiles, headFiles))
    .patch(`${repoPath}/check-runs/${checkRunId}`, (body) => (written.checkUpdates.push(body), true))
    .reply(200, { id: checkRunId });
  // Contention: the open PRs on the base, most recently updated first (this PR among them). Not asked for without a
  // valid score.
  scope
    .get(`${repoPath}/pulls`)
    .query({ state: "open", base: "main", sort: "updated", direction: "desc", per_page: 51 })
    .optionally()
    .reply(
      200,
      mock.openPulls ?? [
        {
          number: pullNumber,
          user: { login },
          head: { sha: headSha, ref: "feature" },
          base: { sha: baseSha, ref: "main" },
          labels: [],
          updated_at: "2026-11-20T10:00:00Z",
        },
      ],
    );
  scope.get(`${repoPath}/issues/${pullNumber}/comments`).query({ per_page: 100 }).reply(200, comments);
  mockQuietHistory(scope, mock.history);
  if (mock.olderHead) return { scope, written };
  // Only Maestro's own comment may be edited: a human can paste the marker into theirs.
  const own = comments.find((c) => c.body.includes("<!-- maestro:sticky -->") && c.user.login === BOT_LOGIN);
  if (own) {
    scope
      .patch(
        `${repoPath}/issues/comments/${own.id}`,
        (body) => ((written.comment = { method: "PATCH", commentId: own.id, body: body.body }), true),
      )
      .reply(200, { id: own.id });
  } else {
    scope
      .post(
        `${repoPath}/issues/${pullNumber}/comments`,
        (body) => ((written.comment = { method: "POST", body: body.body }), true),
      )
      .reply(201, { id: 1000 });
  }
  return { scope, written };
}

/**
 * The GraphQL query for the changed files' recent history, answered with the commit subjects given
 * per path (a day before the base commit each), or as for files no commit touched lately.
 * Optional: a change of added files only asks for none.
 */
export function mockQuietHistory(
  scope: nock.Scope,
  history: Readonly<Record<string, readonly string[]>> = {},
): nock.Scope {
  return scope
    .post("/graphql", (body: { query?: string }) => body.query?.includes("history(path:") === true)
    .optionally()
    .reply(200, (_uri, body) => {
      const variables = (body as { variables: Record<string, string> }).variables;
      const object: Record<string, unknown> = { committedDate: "2026-01-10T00:00:00Z" };
      for (const [name, path] of Object.entries(variables)) {
        if (!/^p\d+$/.test(name)) continue;
        const nodes = (history[path] ?? []).map((messageHeadline) => ({
          committedDate: "2026-01-09T00:00:00Z",
          messageHeadline,
          parents: { totalCount: 1 },
        }));
        object[`f${name.slice(1)}`] = { nodes };
      }
      return { data: { repository: { object } } };
    });
}

/**
 * The two reads that tell whether a branch requires the Maestro check: classic branch protection
 * (here none, as on a branch without it) and the rules that apply to the branch (a ruleset
 * requiring `Maestro`, or none). Optional: the app caches the answer per branch.
 * Shapes from GitHub's OpenAPI description (`branch-with-protection`, `repository-rule-detailed`).
 */
export function mockBranchGate(scope: nock.Scope, branch: string, required: boolean): nock.Scope {
  const repoPath = `/repos/${OWNER}/${REPO}`;
  return scope
    .get(`${repoPath}/branches/${branch}`)
    .optionally()
    .reply(200, {
      name: branch,
      commit: {
        sha: "7fd1a60b01f91b314f59955a4e4d4e80d8edf11d",
        url: `${API}${repoPath}/commits/7fd1a60b01f91b314f59955a4e4d4e80d8edf11d`,
      },
      _links: {
        self: `${API}${repoPath}/branches/${branch}`,
        html: `https://github.com/${OWNER}/${REPO}/tree/${branch}`,
      },
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
      protection_url: `${API}${repoPath}/branches/${branch}/protection`,
    })
    .get(`${repoPath}/rules/branches/${branch}`)
    .optionally()
    .reply(
      200,
      required
        ? [
            {
              type: "required_status_checks",
              ruleset_source_type: "Repository",
              ruleset_source: `${OWNER}/${REPO}`,
              ruleset_id: 42,
              parameters: {
                strict_required_status_checks_policy: false,
                required_status_checks: [{ context: "Maestro", integration_id: 1 }],
              },
            },
          ]
        : [],
    );
}
