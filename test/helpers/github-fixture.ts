import { generateKeyPairSync } from "node:crypto";
import { gzipSync } from "node:zlib";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
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

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

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
export async function createTestApp(): Promise<{ probot: Probot; queue: () => JobQueue<ReviewJob> }> {
  let queue: JobQueue<ReviewJob> | undefined;
  const probot = new Probot({
    appId: 1,
    privateKey,
    // Throttling spaces writes a second apart: real, but slow for unit tests (the e2e test keeps it).
    Octokit: createMaestroOctokit({ enabled: false }).defaults({ retry: { retries: 2, retryAfterBaseValue: 1 } }),
    log: quietLog(),
  });
  await probot.load(createMaestroApp({ onQueue: (q) => (queue = q) }), { addHandler: () => undefined, cwd: process.cwd() });
  return { probot, queue: () => queue as JobQueue<ReviewJob> };
}

function quietLog() {
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
