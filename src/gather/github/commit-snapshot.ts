import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { extract, type ExtractEvents } from "tar-stream";

type Entry = ExtractEvents["entry"][1];
import { looksBinary } from "../change.js";
import type { LeftFile, Snapshot } from "../snapshot-change.js";
import { createFileSlabs } from "./file-slabs.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

/** One commit's files as a review reads them, and what holding them costs. */
export interface CommitSnapshot extends Snapshot {
  /** The bytes kept, and the paths listed: what a cache of snapshots holds in memory. */
  readonly bytes: number;
  /** Whether the bytes of `path` were kept (or the commit has no such file), so a review need not fetch it again. */
  holds(path: string): boolean;
}

/**
 * Whether to keep a file's bytes (the app keeps what every review reads); the change's own files are kept besides.
 * Any other file is listed with its size and whether it is binary.
 */
export type KeepFile = (path: string) => boolean;

const everything: KeepFile = () => true;

/** Bytes kept past this fail the read: the verdict says the repository is too large instead of guessing. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export class SnapshotTooLargeError extends Error {
  override readonly name = "SnapshotTooLargeError";
}

/** What a listed path costs beyond its bytes: the string, the map entry. */
const PATH_OVERHEAD = 80;

/**
 * One commit's files in one request (`GET /repos/{owner}/{repo}/tarball/{ref}`), however many there are, read as
 * GitHub streams it: the archive is never held whole, and only the files a review reads are kept (`keep`, and
 * `changed`: the paths of the change under review, awaited only when a file no rule keeps comes by). Symlinks and
 * submodules are left out, as the local-git adapter leaves them out.
 */
export async function fetchSnapshot(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  sha: string,
  changed: Promise<Iterable<string>> = Promise.resolve([]),
  keep: KeepFile = everything,
): Promise<CommitSnapshot> {
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
    owner,
    repo,
    ref: sha,
    request: { parseSuccessResponseBody: false },
  });
  return readTarball(toStream(response.data as unknown), keep, changed);
}

/** Reads a gzip'd tarball as it streams: the bytes of the files `keep` or `changed` name, and the others' sizes. */
export async function readTarball(
  gzipped: Readable | Uint8Array,
  keep: KeepFile = everything,
  changed: Promise<Iterable<string>> = Promise.resolve([]),
): Promise<CommitSnapshot> {
  const kept = new Map<string, Uint8Array>();
  const left = new Map<string, LeftFile>();
  let extra: Set<string> | undefined;
  const slabs = createFileSlabs();
  let listed = 0;
  const bytes = () => listed + slabs.bytes();
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on("entry", (header, stream, next) => {
      // GitHub prefixes every path with `<owner>-<repo>-<sha>/`.
      const slash = header.name.indexOf("/");
      const path = header.name.slice(slash + 1);
      if (header.type !== "file" || slash < 0) {
        stream.on("end", next);
        return void stream.resume();
      }
      void wanted(path).then(
        (whole) => take(path, whole, stream, next),
        (error: unknown) => tar.destroy(error as Error),
      );
    });
    tar.on("finish", resolve);
    tar.on("error", reject);
  });
  // The change's paths are awaited only for a file no rule keeps: the listing usually answers before the archive
  // reaches one, and until it does the download waits (backpressure), holding nothing.
  const wanted = async (path: string) => keep(path) || (extra ??= new Set(await changed)).has(path);
  const take = (path: string, whole: boolean, stream: Entry, next: () => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let binary = false;
    stream.on("data", (chunk: unknown) => {
      const data = chunk as Buffer;
      // Git's test for binary: a NUL in the first 8 KB.
      if (!whole && size < 8000 && looksBinary(data.subarray(0, 8000 - size))) binary = true;
      size += data.length;
      if (whole) chunks.push(data);
    });
    stream.on("end", () => {
      listed += path.length * 2 + PATH_OVERHEAD;
      // Copied out: a chunk is a view of the decompressor's larger buffer, which a kept view would hold whole.
      if (whole) kept.set(path, slabs.store(chunks, size));
      else left.set(path, { size, binary });
      if (bytes() > MAX_SNAPSHOT_BYTES)
        return tar.destroy(
          new SnapshotTooLargeError(`the files a review reads are larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`),
        );
      next();
    });
    stream.resume();
  };
  const source = gzipped instanceof Readable ? gzipped : Readable.from([Buffer.from(gzipped)]);
  source
    .on("error", (e) => tar.destroy(e))
    .pipe(createGunzip())
    .on("error", (e) => tar.destroy(e))
    .pipe(tar);
  try {
    await done;
  } catch (error) {
    source.destroy();
    throw error;
  }
  return {
    bytes: bytes(),
    keys: () => [...kept.keys(), ...left.keys()],
    has: (path) => kept.has(path) || left.has(path),
    get: (path) => kept.get(path),
    left: (path) => left.get(path),
    holds: (path) => left.get(path)?.binary !== false,
  };
}

function toStream(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (body instanceof ArrayBuffer) return Readable.from([Buffer.from(body)]);
  if (body instanceof Uint8Array) return Readable.from([Buffer.from(body)]);
  if (body && typeof (body as ReadableStream).getReader === "function")
    return Readable.fromWeb(body as import("node:stream/web").ReadableStream);
  throw new Error("the tarball response had no body");
}
