import nock from "nock";
import { ProbotOctokit } from "probot";
import { createGateCache } from "../../src/app/gate-cache.js";
import { expectLoggedError, testLog } from "../helpers/test-log.js";
import { rejectUnmockedRequests } from "../helpers/unmocked-requests.js";

rejectUnmockedRequests();

const octokit = new ProbotOctokit({ auth: { token: "test" }, throttle: { enabled: false }, retry: { enabled: false } });
const API = "https://api.github.com";
const repo = { owner: "acme", repo: "shop" };
const repoPath = "/repos/acme/shop";

/** GitHub says, once, that `branch` has no classic protection and a ruleset requiring Maestro (or none). */
function answerOnce(branch: string, required: boolean): nock.Scope {
  return nock(API)
    .get(`${repoPath}/branches/${branch}`)
    .reply(200, {
      name: branch,
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
    })
    .get(`${repoPath}/rules/branches/${branch}`)
    .reply(
      200,
      required
        ? [
            {
              type: "required_status_checks",
              ruleset_id: 42,
              parameters: {
                strict_required_status_checks_policy: false,
                required_status_checks: [{ context: "Maestro" }],
              },
            },
          ]
        : [],
    );
}

describe("whether the Maestro check is required, cached per branch", () => {
  it("asks GitHub once for a branch within the hour: the second review reuses the answer", async () => {
    const scope = answerOnce("main", true);
    const gate = createGateCache();
    expect(await gate(octokit, repo, "main", testLog())).toBe("required");
    expect(await gate(octokit, repo, "main", testLog())).toBe("required");
    expect(scope.isDone()).toBe(true);
  });

  it("asks again once the answer is older than its time to live", async () => {
    const gate = createGateCache(5);
    const first = answerOnce("main", false);
    expect(await gate(octokit, repo, "main", testLog())).toBe("not-required");
    expect(first.isDone()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = answerOnce("main", true);
    expect(await gate(octokit, repo, "main", testLog())).toBe("required");
    expect(second.isDone()).toBe(true);
  });

  it("keeps at most `limit` branches: the least recently asked is forgotten and asked again", async () => {
    const gate = createGateCache(3600_000, 1);
    const scope = answerOnce("main", true);
    answerOnce("dev", false);
    expect(await gate(octokit, repo, "main", testLog())).toBe("required");
    expect(await gate(octokit, repo, "dev", testLog())).toBe("not-required");
    const again = answerOnce("main", false);
    expect(await gate(octokit, repo, "main", testLog())).toBe("not-required");
    expect(scope.isDone() && again.isDone()).toBe(true);
  });

  it("logs an answer GitHub failed to give, says unknown, and does not keep it: the next review asks again", async () => {
    expectLoggedError(/could not read whether the Maestro check is required/);
    const gate = createGateCache();
    const failed = nock(API).get(`${repoPath}/branches/main`).reply(500, { message: "boom" });
    expect(await gate(octokit, repo, "main", testLog())).toBe("unknown");
    expect(failed.isDone()).toBe(true);
    const scope = answerOnce("main", true);
    expect(await gate(octokit, repo, "main", testLog())).toBe("required");
    expect(scope.isDone()).toBe(true);
  });
});
