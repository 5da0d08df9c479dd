import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { extract } from "tar-stream";
import type { GitHubClient, RepoRef } from "./github-client.js";

/** Every regular file of one commit, by path: what one tarball request gives. */
export type CommitSnapshot = ReadonlyMap<string, Uint8Array>;

/** A repository larger than this is not read whole: the verdict says so instead of guessing. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export class SnapshotTooLargeError extends Error {
  override readonly name = "SnapshotTooLargeError";
}

/**
 * One commit's files in one request (`GET /repos/{owner}/{repo}/tarball/{ref}`), however many there
 * are: far fewer requests than blob by blob, and the same request for any size of change.
 * Symlinks and submodules are left out, as the local-git adapter leaves them out.
 */
export async function fetchSnapshot(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  sha: string,
): Promise<CommitSnapshot> {
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", { owner, repo, ref: sha });
  const body = response.data as unknown;
  return readTarball(await toBuffer(body));
}

export async function readTarball(gzipped: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const tar = extract();
  let total = 0;
  const done = new Promise<void>((resolve, reject) => {
    tar.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (data: unknown) => {
        const chunk = data as Buffer;
        total += chunk.length;
        if (total > MAX_SNAPSHOT_BYTES)
          tar.destroy(new SnapshotTooLargeError(`the commit is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`));
        else if (header.type === "file") chunks.push(chunk);
      });
      stream.on("end", () => {
        // GitHub prefixes every path with `<owner>-<repo>-<sha>/`.
        const slash = header.name.indexOf("/");
        if (header.type === "file" && slash >= 0) files.set(header.name.slice(slash + 1), Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    tar.on("finish", resolve);
    tar.on("error", reject);
  });
  Readable.from([Buffer.from(gzipped)])
    .pipe(createGunzip())
    .on("error", (e) => tar.destroy(e))
    .pipe(tar);
  await done;
  return files;
}

async function toBuffer(body: unknown): Promise<Uint8Array> {
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof Uint8Array) return body;
  if (body && typeof (body as Response).arrayBuffer === "function")
    return new Uint8Array(await (body as Response).arrayBuffer());
  if (body && typeof (body as ReadableStream).getReader === "function")
    return new Uint8Array(await new Response(body as ReadableStream).arrayBuffer());
  throw new Error("the tarball response had no body");
}
