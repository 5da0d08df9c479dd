import { checkWebhook } from "./openapi-validator.js";
import { issueCommentPayload, pullRequestPayload, pushPayload } from "./webhook-payloads.js";

/**
 * The webhooks the end-to-end tests deliver are GitHub's recordings rewritten, and still fit
 * GitHub's description of each event: what Maestro reads of them is where GitHub puts it.
 */
const target = { owner: "acme", repo: "shop", installationId: 7 };
const head = "a".repeat(40);

describe("webhook payloads", () => {
  it("pull_request opened and synchronize: the PR's number, head, base, author (id and type), labels and last update", () => {
    for (const action of ["opened", "synchronize"] as const) {
      const payload = pullRequestPayload(target, action, {
        number: 12,
        headSha: head,
        headRef: "copilot/fix-12",
        user: { login: "Copilot", id: 198982749, type: "Bot" },
        labels: ["ai-generated"],
        updatedAt: "2026-11-20T10:00:00Z",
      });
      expect(checkWebhook("pull_request", action, payload)).toBeUndefined();
      expect(payload).toMatchObject({
        action,
        number: 12,
        installation: { id: 7 },
        repository: { name: "shop", full_name: "acme/shop", owner: { login: "acme" } },
        sender: { login: "Copilot", id: 198982749, type: "Bot" },
        pull_request: {
          number: 12,
          state: "open",
          merged: false,
          updated_at: "2026-11-20T10:00:00Z",
          user: { login: "Copilot", id: 198982749, type: "Bot" },
          labels: [expect.objectContaining({ name: "ai-generated" })],
          head: { sha: head, ref: "copilot/fix-12", label: "acme:copilot/fix-12", repo: { full_name: "acme/shop" } },
          base: { ref: "main" },
        },
      });
    }
  });

  it("pull_request closed: merged with its merge commit, or closed unmerged", () => {
    const pr = { number: 3, headSha: head, headRef: "pr-3", updatedAt: "2026-11-21T09:00:00Z" };
    const merged = pullRequestPayload(target, "closed", { ...pr, merged: true, mergeCommitSha: "b".repeat(40) });
    expect(checkWebhook("pull_request", "closed", merged)).toBeUndefined();
    expect(merged.pull_request).toMatchObject({
      state: "closed",
      merged: true,
      merged_at: "2026-11-21T09:00:00Z",
      closed_at: "2026-11-21T09:00:00Z",
      merge_commit_sha: "b".repeat(40),
    });
    const closed = pullRequestPayload(target, "closed", pr);
    expect(checkWebhook("pull_request", "closed", closed)).toBeUndefined();
    expect(closed.pull_request).toMatchObject({ state: "closed", merged: false, merged_at: null });
  });

  it("push to a branch: ref, before, after, each commit's added, removed and modified paths, the head commit", () => {
    const payload = pushPayload(target, {
      ref: "refs/heads/main",
      before: "1".repeat(40),
      after: "2".repeat(40),
      commits: [
        { id: "3".repeat(40), message: "first", added: ["a.ts"], removed: [], modified: [] },
        { id: "2".repeat(40), message: "second", added: [], removed: ["b.ts"], modified: ["c.ts"] },
      ],
    });
    expect(checkWebhook("push", undefined, payload)).toBeUndefined();
    expect(payload).toMatchObject({
      ref: "refs/heads/main",
      before: "1".repeat(40),
      after: "2".repeat(40),
      installation: { id: 7 },
      repository: { full_name: "acme/shop" },
      commits: [
        { id: "3".repeat(40), message: "first", added: ["a.ts"] },
        { id: "2".repeat(40), removed: ["b.ts"], modified: ["c.ts"] },
      ],
      head_commit: { id: "2".repeat(40), message: "second", removed: ["b.ts"], modified: ["c.ts"] },
    });
  });

  it("issue_comment created: on a PR (the issue carries pull_request) or on an issue", () => {
    const comment = { id: 1001, issue: 4, body: "/maestro explain copilot", user: { login: "max" } };
    const onPull = issueCommentPayload(target, comment);
    expect(checkWebhook("issue_comment", "created", onPull)).toBeUndefined();
    expect(onPull).toMatchObject({
      action: "created",
      installation: { id: 7 },
      issue: { number: 4, pull_request: { url: expect.stringContaining("/pulls/4") } },
      comment: { id: 1001, body: "/maestro explain copilot", user: { login: "max", type: "User" } },
      sender: { login: "max" },
    });
    const onIssue = issueCommentPayload(target, comment, { onPullRequest: false });
    expect(checkWebhook("issue_comment", "created", onIssue)).toBeUndefined();
    expect(onIssue.issue).not.toHaveProperty("pull_request");
  });
});
