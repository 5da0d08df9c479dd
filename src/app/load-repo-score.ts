import { createHash } from "node:crypto";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import type { Snapshot } from "../gather/snapshot-change.js";
import { parseScore, readScoreData, SCORE_PATH, type ParsedScore } from "../score/parse-score.js";

export type RepoScore =
  | { readonly kind: "missing" }
  | { readonly kind: "found"; readonly parsed: ParsedScore; readonly blobSha: string; readonly extendedFrom?: string };

/**
 * The score from the base commit's snapshot (never the head's: a PR cannot loosen its own rules),
 * with `extends: owner/.github` (or `.github`) pulling the org-wide score from that repository's
 * default branch, merged under this one.
 */
export async function loadRepoScore(octokit: GitHubClient, repo: RepoRef, base: Snapshot): Promise<RepoScore> {
  const bytes = base.get(SCORE_PATH);
  if (!bytes) return { kind: "missing" };
  const text = new TextDecoder().decode(bytes);
  const blobSha = gitBlobSha(bytes);
  const own = readScoreData(text, SCORE_PATH);
  const extendsRef = own.ok && typeof own.data === "object" && own.data !== null ? (own.data as { extends?: unknown }).extends : undefined;
  if (typeof extendsRef !== "string") return { kind: "found", parsed: parseScore(text), blobSha };

  const source = extendsRef === ".github" ? { owner: repo.owner, repo: ".github" } : parseRepoRef(extendsRef);
  const where = `${source ? `${source.owner}/${source.repo}` : extendsRef}:${SCORE_PATH}`;
  const fail = (message: string): RepoScore => ({
    kind: "found",
    blobSha,
    parsed: { ok: false, problems: [{ severity: "error", file: SCORE_PATH, line: 1, column: 1, keyPath: "extends", message }] },
  });
  if (!source) return fail(`"${extendsRef}" is not a repository: write "owner/.github" or ".github"`);
  const inheritedText = await fetchText(octokit, source, SCORE_PATH);
  if (inheritedText === undefined) return fail(`cannot read ${where}: the repository or file does not exist, or Maestro is not installed on it`);
  const inherited = readScoreData(inheritedText, where);
  if (!inherited.ok) return { kind: "found", blobSha, parsed: { ok: false, problems: inherited.problems } };
  return { kind: "found", parsed: parseScore(text, SCORE_PATH, inherited.data), blobSha, extendedFrom: where };
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
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** The SHA git gives the file's blob, for the verdict's provenance. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
