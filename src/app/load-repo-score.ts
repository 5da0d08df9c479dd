import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { statusOf } from "../gather/github/http-status.js";
import type { Snapshot } from "../gather/snapshot-change.js";
import { parseScore, readScoreData, SCORE_PATH, type ParsedScore } from "../score/parse-score.js";

export type RepoScore =
  | { readonly kind: "missing" }
  | { readonly kind: "found"; readonly parsed: ParsedScore; readonly blobSha: string; readonly extendedFrom?: string };

/** A score with `extends:`, parsed over one version of the inherited score. */
interface ExtendedScore {
  readonly parsed: ParsedScore;
  /** False when the inherited score itself could not be read: its problems are the parsed ones. */
  readonly inheritedRead: boolean;
}

/** What a score blob says before its `extends:` source is fetched: the score itself, or where it extends from. */
type OwnScore =
  { readonly kind: "alone"; readonly parsed: ParsedScore } | { readonly kind: "extends"; readonly ref: string };

/**
 * Parsed scores, so that a review or command does not parse the same score again: keyed by the
 * score's blob SHA (the text itself), and for `extends:` also by the inherited text's hash (the
 * org score may change on its own). Bounded by count and by the text parsed, since a score may be
 * a megabyte. Parsed scores are shared between reviews: nothing may change them.
 */
const ownScores = new LRUCache<string, OwnScore>({ max: 512, maxSize: 32_000_000 });
const extendedScores = new LRUCache<string, ExtendedScore>({ max: 512, maxSize: 32_000_000 });

/**
 * The score from the base commit's snapshot (never the head's: a PR cannot loosen its own rules),
 * with `extends: owner/.github` (or `.github`) pulling the org-wide score from that repository's
 * default branch, merged under this one. The snapshot is GitHub's archive of the commit, which
 * `.gitattributes` can thin (`/.github export-ignore` is common): a score absent from it is asked
 * for through the contents API before the repository is taken to have none, or every PR would
 * get a passing `neutral` check.
 */
export async function loadRepoScore(
  octokit: GitHubClient,
  repo: RepoRef,
  base: Snapshot,
  baseSha: string,
): Promise<RepoScore> {
  const bytes = base.get(SCORE_PATH) ?? (await fetchRaw(octokit, repo, SCORE_PATH, baseSha));
  if (!bytes) return { kind: "missing" };
  const blobSha = gitBlobSha(bytes);
  const text = lazyText(bytes);
  const own = cached(ownScores, blobSha, bytes.length, () => readOwnScore(text()));
  if (own.kind === "alone") return { kind: "found", parsed: own.parsed, blobSha };

  const extendsRef = own.ref;
  const source = extendsRef === ".github" ? { owner: repo.owner, repo: ".github" } : parseRepoRef(extendsRef);
  const where = `${source ? `${source.owner}/${source.repo}` : extendsRef}:${SCORE_PATH}`;
  const fail = (message: string): RepoScore => ({
    kind: "found",
    blobSha,
    parsed: {
      ok: false,
      problems: [{ severity: "error", file: SCORE_PATH, line: 1, column: 1, keyPath: "extends", message }],
    },
  });
  if (!source) return fail(`"${extendsRef}" is not a repository: write "owner/.github" or ".github"`);
  const inheritedText = await fetchText(octokit, source, SCORE_PATH);
  if (inheritedText === undefined)
    return fail(`cannot read ${where}: the repository or file does not exist, or Maestro is not installed on it`);
  const key = `${blobSha} ${where} ${createHash("sha256").update(inheritedText).digest("hex")}`;
  const { parsed, inheritedRead } = cached(
    extendedScores,
    key,
    bytes.length + inheritedText.length,
    (): ExtendedScore => {
      const inherited = readScoreData(inheritedText, where);
      if (!inherited.ok) return { parsed: { ok: false, problems: inherited.problems }, inheritedRead: false };
      return { parsed: parseScore(text(), SCORE_PATH, inherited.data), inheritedRead: true };
    },
  );
  return inheritedRead ? { kind: "found", parsed, blobSha, extendedFrom: where } : { kind: "found", parsed, blobSha };
}

function readOwnScore(text: string): OwnScore {
  const own = readScoreData(text, SCORE_PATH);
  const ref =
    own.ok && typeof own.data === "object" && own.data !== null
      ? (own.data as { extends?: unknown }).extends
      : undefined;
  return typeof ref === "string" ? { kind: "extends", ref } : { kind: "alone", parsed: parseScore(text) };
}

/** Each entry's size is the text it was parsed from, so lru-cache bounds the memory they hold. */
function cached<V extends object>(cache: LRUCache<string, V>, key: string, size: number, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value, { size: Math.max(1, size) });
  return value;
}

function lazyText(bytes: Uint8Array): () => string {
  let text: string | undefined;
  return () => (text ??= new TextDecoder().decode(bytes));
}

function parseRepoRef(ref: string): RepoRef | undefined {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(ref);
  return match ? { owner: match[1] as string, repo: match[2] as string } : undefined;
}

async function fetchText(octokit: GitHubClient, { owner, repo }: RepoRef, path: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** One file at a commit, as git has it (not as an archive shapes it); undefined when there is none. */
async function fetchRaw(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  path: string,
  ref: string,
): Promise<Uint8Array | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref, mediaType: { format: "raw" } });
    // Octokit gives raw content as text or as bytes, by the response's content type.
    const body = data as unknown;
    if (typeof body === "string") return new TextEncoder().encode(body);
    if (body instanceof ArrayBuffer) return new Uint8Array(body);
    return body instanceof Uint8Array ? body : undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The SHA git gives the file's blob, for the verdict's provenance. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
