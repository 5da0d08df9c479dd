import nock from "nock";
import { ProbotOctokit } from "probot";
import { createSnapshotCache } from "../../src/app/snapshot-cache.js";
import type { CommitSnapshot } from "../../src/gather/github/commit-snapshot.js";
import { API, OWNER, REPO, tarball } from "../helpers/github-fixture.js";
import { rejectUnmockedRequests } from "../helpers/unmocked-requests.js";

rejectUnmockedRequests();

const octokit = new ProbotOctokit({ auth: { token: "test" }, throttle: { enabled: false }, retry: { enabled: false } });
const repo = { owner: OWNER, repo: REPO };
const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

/** GitHub sends the tarball of `sha` once: a source file that names the commit, and `extra` files. */
function tarballOnce(sha: string, extra: Record<string, string | Buffer> = {}): nock.Scope {
  return nock(API)
    .get(`/repos/${OWNER}/${REPO}/tarball/${sha}`)
    .reply(200, () => tarball(sha, { "src/which.ts": sha, ...extra }), { "content-type": "application/x-gzip" });
}

const which = async (snapshot: Promise<CommitSnapshot>) =>
  Buffer.from((await snapshot).get("src/which.ts") ?? []).toString();

/** A megabyte of source, which every review keeps. */
const MB_OF_SOURCE = { "src/big.ts": `export const big = "${"x".repeat(1024 * 1024)}";\n` };

describe("the commits' snapshots, shared by reviews", () => {
  it("fetches a commit once while it is held; one pushed out by the bytes of others is fetched again", async () => {
    const snapshots = createSnapshotCache(1.5);
    const first = tarballOnce(A, MB_OF_SOURCE);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
    tarballOnce(B, MB_OF_SOURCE);
    expect(await which(snapshots(octokit, repo, B))).toBe(B);
    const again = tarballOnce(A, MB_OF_SOURCE);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
    expect(first.isDone() && again.isDone()).toBe(true);
  });

  it("holds many small commits within the bytes one large commit would take: bounded in bytes, not in commits", async () => {
    const snapshots = createSnapshotCache(1);
    const shas = Array.from({ length: 12 }, (_, i) => String(i).padStart(40, "0"));
    for (const sha of shas) {
      tarballOnce(sha);
      await snapshots(octokit, repo, sha);
    }
    // Every one is still held: asking again makes no request (an unmocked one would fail the test).
    for (const sha of shas) expect(await which(snapshots(octokit, repo, sha))).toBe(sha);
    expect(snapshots.bytes()).toBeLessThan(1024 * 1024);
  });

  it("keeps only what a review reads: sources, resolution configs, the score and the change's files; the rest is listed with its size", async () => {
    const snapshots = createSnapshotCache();
    const image = Buffer.alloc(300_000, 0);
    tarballOnce(C, {
      "package.json": "{}",
      "tsconfig.json": "{}",
      ".github/maestro.yml": "version: 1\n",
      "docs/guide.md": "# guide\n",
      "docs/changed.md": "# changed\n",
      "assets/logo.png": image,
    });
    const snapshot = await snapshots(octokit, repo, C, Promise.resolve(["docs/changed.md"]));
    expect([...snapshot.keys()].sort()).toEqual([
      ".github/maestro.yml",
      "assets/logo.png",
      "docs/changed.md",
      "docs/guide.md",
      "package.json",
      "src/which.ts",
      "tsconfig.json",
    ]);
    const kept = [...snapshot.keys()].filter((path) => snapshot.get(path) !== undefined).sort();
    expect(kept).toEqual([".github/maestro.yml", "docs/changed.md", "package.json", "src/which.ts", "tsconfig.json"]);
    expect(snapshot.left?.("assets/logo.png")).toEqual({ size: 300_000, binary: true });
    expect(snapshot.left?.("docs/guide.md")).toEqual({ size: 8, binary: false });
    expect(snapshot.bytes).toBeLessThan(10_000);
  });

  it("lets a forgotten commit go: the next review fetches it again", async () => {
    const snapshots = createSnapshotCache();
    const first = tarballOnce(A);
    await snapshots(octokit, repo, A);
    snapshots.forget(repo, A);
    expect(snapshots.bytes()).toBe(0);
    const again = tarballOnce(A);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
    expect(first.isDone() && again.isDone()).toBe(true);
  });

  it("does not keep a failed fetch: the next review fetches the commit again", async () => {
    const snapshots = createSnapshotCache();
    const failed = nock(API).get(`/repos/${OWNER}/${REPO}/tarball/${A}`).reply(502, "bad gateway");
    await expect(snapshots(octokit, repo, A)).rejects.toThrow();
    expect(failed.isDone()).toBe(true);
    tarballOnce(A);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
  });
});
