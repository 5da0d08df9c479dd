import { generateKeyPairSync } from "node:crypto";
import { gzipSync } from "node:zlib";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import nock from "nock";
import { pack } from "tar-stream";
import { Probot } from "probot";
import { createMaestroOctokit } from "../../src/app/maestro-octokit.js";
import { createMaestroApp } from "../../src/app/maestro-app.js";
import type { JobQueue } from "../../src/app/in-process-queue.js";
import type { ReviewJob } from "../../src/app/review-job.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const INSTALLATION = 4242;
export const API = "https://api.github.com";

export const testPrivateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

/** A recorded webhook payload from @octokit/webhooks-examples, with an installation and our overrides. */
export function recordedPayload(event: string, action: string, patch: (payload: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const group = (examples as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === event);
  const found = group?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no recorded ${event}.${action} payload`);
  const payload = structuredClone(found);
  payload.installation = { id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  patch(payload);
  return payload;
}

/** A Probot running Maestro with retries quick and throttling off, and a handle on its queue. */
export async function createTestApp({ throttled = false } = {}): Promise<{ probot: Probot; queue: () => JobQueue<ReviewJob> }> {
  let queue: JobQueue<ReviewJob> | undefined;
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey,
    // Throttling spaces writes a second apart: real, but slow for unit tests (the e2e test keeps it).
    Octokit: createMaestroOctokit(throttled ? {} : { enabled: false }).defaults({ retry: { retries: 2, retryAfterBaseValue: 1 } }),
    log: testLog(),
  });
  await probot.load(createMaestroApp({ onQueue: (q) => (queue = q) }), { addHandler: () => undefined, cwd: process.cwd() });
  return { probot, queue: () => queue as JobQueue<ReviewJob> };
}

/** Probot's logger for tests: silent, or timestamped on the console with TEST_LOG=1. */
export function testLog() {
  const noop = process.env.TEST_LOG ? (...args: unknown[]) => console.log(new Date().toISOString(), ...args.map((a) => (typeof a === "string" ? a : JSON.stringify(a)?.slice(0, 200)))) : () => undefined;
  const log = { fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, level: "silent", child: () => log };
  return log as never;
}

/** A commit's files as GitHub's tarball endpoint sends them (gzip, paths under `owner-repo-sha/`). */
export async function tarball(sha: string, files: Record<string, string | Buffer>): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => archive.on("end", () => resolve()));
  archive.entry({ name: `${OWNER}-${REPO}-${sha.slice(0, 7)}/`, type: "directory" });
  for (const [path, content] of Object.entries(files)) archive.entry({ name: `${OWNER}-${REPO}-${sha.slice(0, 7)}/${path}` }, content);
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
    const patch = [`@@ -${oldLines.length ? 1 : 0},${oldLines.length} +${newLines.length ? 1 : 0},${newLines.length} @@`, ...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)].join("\n");
    const status = before === undefined ? "added" : after === undefined ? "removed" : "modified";
    return [{ sha: "0".repeat(40), filename: path, status, additions: newLines.length, deletions: oldLines.length, changes: newLines.length + oldLines.length, blob_url: "", raw_url: "", contents_url: "", patch }];
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
  /** Skip the sticky comment's requests (an older review that must not write it). */
  readonly noComment?: boolean;
}

export interface Written {
  checkCreate?: Record<string, unknown>;
  checkUpdates: Record<string, unknown>[];
  comment?: { method: string; body: string };
}

/** nock for one whole review of a PR, in the order Maestro makes its requests; returns what it wrote. */
export function mockPullRequestReview(mock: ReviewMock, scope = nock(API)): { scope: nock.Scope; written: Written } {
  const { pullNumber = 2, headSha, baseSha, baseFiles, headFiles, login = "copilot-swe-agent[bot]", checkRunId = 77, comments = [] } = mock;
  const written: Written = { checkUpdates: [] };
  const repoPath = `/repos/${OWNER}/${REPO}`;
  scope
    .get("/app")
    .optionally() // asked once per app, for Maestro's own bot login
    .reply(200, { id: 1, slug: "maestro", name: "Maestro" })
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .optionally() // Probot caches the installation token: a second review in the same app reuses it
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .post(`${repoPath}/check-runs`, (body) => (body.head_sha === headSha ? ((written.checkCreate = body), true) : false))
    .reply(201, { id: checkRunId })
    .get(`${repoPath}/pulls/${pullNumber}`)
    .reply(200, {
      number: pullNumber,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${pullNumber}`,
      draft: mock.draft ?? false,
      changed_files: prFiles(baseFiles, headFiles).length,
      user: { login },
      head: { sha: headSha, ref: "feature" },
      base: { sha: baseSha, ref: "main" },
      labels: [],
    });
  if (!mock.cachedBase) scope.get(`${repoPath}/tarball/${baseSha}`).reply(200, () => tarball(baseSha, baseFiles), { "content-type": "application/x-gzip" });
  scope
    .get(`${repoPath}/tarball/${headSha}`)
    .reply(200, () => tarball(headSha, headFiles), { "content-type": "application/x-gzip" })
    .get(`${repoPath}/pulls/${pullNumber}/files`)
    .query({ per_page: 100 })
    .reply(200, prFiles(baseFiles, headFiles))
    .patch(`${repoPath}/check-runs/${checkRunId}`, (body) => (written.checkUpdates.push(body), true))
    .reply(200, { id: checkRunId });
  if (mock.noComment) return { scope, written };
  scope.get(`${repoPath}/issues/${pullNumber}/comments`).query({ per_page: 100 }).reply(200, comments);
  if (comments.some((c) => c.body.includes("maestro:sticky") && c.user.login === "maestro[bot]")) {
    scope.patch(/\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+/, (body) => ((written.comment = { method: "PATCH", body: body.body }), true)).reply(200, {});
  } else {
    scope.post(`${repoPath}/issues/${pullNumber}/comments`, (body) => ((written.comment = { method: "POST", body: body.body }), true)).reply(201, {});
  }
  return { scope, written };
}
