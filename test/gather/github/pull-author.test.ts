import { ProbotOctokit } from "probot";
import { locateGitHubChange } from "../../../src/gather/github/github-change.js";
import { GitHubEmulator } from "../../e2e/github-emulator.js";
import { createRepo } from "../../helpers/git-repo.js";

/** What GitHub says of a PR's author reaches the review: the account id and type that outlive a renamed login. */
let github: GitHubEmulator;

beforeAll(async () => {
  const repo = createRepo();
  repo.write({ "src/ui/view.ts": "export const view = 1;\n" });
  repo.commit("main");
  repo.git("checkout", "-q", "-b", "copilot/fix-1");
  repo.write({ "src/ui/view.ts": "export const view = 2;\n" });
  repo.commit("fix");
  repo.git("checkout", "-q", "main");
  github = new GitHubEmulator("acme", "shop", repo.dir);
  await github.start();
});

afterAll(async () => {
  expect(github.mismatches).toEqual([]);
  await github.stop();
});

it("a PR by Copilot's bot account carries its login, account id and type", async () => {
  github.pulls.set(1, {
    number: 1,
    headRef: "copilot/fix-1",
    baseRef: "main",
    user: "Copilot",
    userId: 198982749,
    userType: "Bot",
    labels: [],
    draft: false,
  });
  const octokit = new ProbotOctokit({
    auth: { token: "test" },
    baseUrl: `http://127.0.0.1:${github.port}`,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  const located = await locateGitHubChange(
    octokit,
    { owner: "acme", repo: "shop" },
    { kind: "pull", pullNumber: 1, headSha: github.sha("copilot/fix-1") },
    async () => new Map(),
  );
  expect(located.pull).toMatchObject({ author: "Copilot", authorId: 198982749, authorType: "Bot" });
});
