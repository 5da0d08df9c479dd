import nock from "nock";
import { ProbotOctokit } from "probot";
import { createSnapshotCache } from "../../src/app/snapshot-cache.js";
import { API, OWNER, REPO, tarball } from "../helpers/github-fixture.js";
import { rejectUnmockedRequests } from "../helpers/unmocked-requests.js";

rejectUnmockedRequests();

const octokit = new ProbotOctokit({ auth: { token: "test" }, throttle: { enabled: false }, retry: { enabled: false } });
const repo = { owner: OWNER, repo: REPO };
const A = "a".repeat(40);
const B = "b".repeat(40);

/** GitHub sends the tarball of `sha`, holding one file that names the commit, once. */
function tarballOnce(sha: string): nock.Scope {
  return nock(API)
    .get(`/repos/${OWNER}/${REPO}/tarball/${sha}`)
    .reply(200, () => tarball(sha, { "which.txt": sha }), { "content-type": "application/x-gzip" });
}

const which = async (snapshot: Promise<ReadonlyMap<string, Uint8Array>>) =>
  Buffer.from((await snapshot).get("which.txt") ?? []).toString();

describe("the last few commits' snapshots, shared by reviews", () => {
  it("fetches a commit once while it is among the last `limit`; one pushed out is fetched again", async () => {
    const snapshots = createSnapshotCache(1);
    const first = tarballOnce(A);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
    expect(await which(snapshots(octokit, repo, A))).toBe(A);
    tarballOnce(B);
    expect(await which(snapshots(octokit, repo, B))).toBe(B);
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
