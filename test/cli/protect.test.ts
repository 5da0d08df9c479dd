import nock from "nock";
import { GitHubEmulator } from "../e2e/github-emulator.js";
import { createRepo, maestroWithEnv } from "../helpers/git-repo.js";

/** `maestro protect` against the GitHub emulator (every request checked against GitHub's OpenAPI description). */
let github: GitHubEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  const repo = createRepo();
  repo.write({ "README.md": "hi\n" });
  repo.commit("main");
  repo.git("branch", "release");
  github = new GitHubEmulator("acme", "shop", repo.dir);
  await github.start();
  env = { GITHUB_TOKEN: "ghp_test", GITHUB_API_URL: `http://127.0.0.1:${github.port}/api/v3` };
});

afterAll(async () => {
  expect(github.mismatches).toEqual([]);
  await github.stop();
});

beforeEach(() => {
  github.protection.clear();
  github.rulesets.length = 0;
  github.admin = true;
});

const protect = (...args: string[]) => maestroWithEnv(process.cwd(), env, "protect", "--repo", "acme/shop", ...args);

describe("maestro protect (branch protection)", () => {
  it("protects an unprotected default branch, requiring the Maestro check; a second run changes nothing", async () => {
    const first = await protect("--app-id", "42");
    expect(first).toMatchObject({
      code: 0,
      stdout: "acme/shop@main: protect the branch, requiring the Maestro check\ndone\n",
    });
    expect(github.protection.get("main")).toMatchObject({
      required_status_checks: { strict: false, checks: [{ context: "Maestro", app_id: 42 }] },
    });
    const writes = () => github.requests.filter((r) => r.method !== "GET").length;
    const before = writes();
    expect(await protect("--app-id", "42")).toMatchObject({
      code: 0,
      stdout: "acme/shop@main: the Maestro check is already required; nothing to change\n",
    });
    expect(writes()).toBe(before);
  });

  it("adds the check to existing required checks and keeps every other setting", async () => {
    const existing = {
      required_status_checks: {
        strict: true,
        contexts: ["ci/build"],
        checks: [{ context: "ci/build", app_id: 15368 }],
      },
      enforce_admins: { enabled: true },
      required_pull_request_reviews: {
        dismiss_stale_reviews: true,
        require_code_owner_reviews: true,
        required_approving_review_count: 2,
        require_last_push_approval: false,
      },
      required_linear_history: { enabled: true },
      allow_force_pushes: { enabled: false },
      allow_deletions: { enabled: false },
    };
    github.protection.set("release", structuredClone(existing));
    const run = await protect("--branch", "release");
    expect(run.stdout).toBe(
      "acme/shop@release: add Maestro to the required status checks, keeping 1 other required check(s) and every other setting\ndone\n",
    );
    expect(github.protection.get("release")).toEqual({
      ...existing,
      required_status_checks: {
        strict: true,
        contexts: ["ci/build", "Maestro"],
        checks: [{ context: "ci/build", app_id: 15368 }, { context: "Maestro" }],
      },
    });
  });

  it("turns on status checks on a protected branch that had none, keeping its reviews and restrictions", async () => {
    github.protection.set("main", {
      enforce_admins: { enabled: false },
      required_pull_request_reviews: {
        dismiss_stale_reviews: false,
        require_code_owner_reviews: false,
        required_approving_review_count: 1,
        require_last_push_approval: true,
      },
      restrictions: { users: [{ login: "ada" }], teams: [], apps: [] },
      required_linear_history: { enabled: false },
    });
    expect((await protect()).stdout).toMatch(
      /turn on required status checks with Maestro, keeping every other protection setting/,
    );
    expect(github.protection.get("main")).toMatchObject({
      required_status_checks: { strict: false, checks: [{ context: "Maestro" }] },
      required_pull_request_reviews: { required_approving_review_count: 1, require_last_push_approval: true },
      restrictions: { users: [{ login: "ada" }] },
    });
  });

  it("--dry-run says what it would do and writes nothing", async () => {
    const before = github.requests.filter((r) => r.method !== "GET").length;
    expect(await protect("--dry-run")).toMatchObject({
      code: 0,
      stdout: "would acme/shop@main: protect the branch, requiring the Maestro check\n",
    });
    expect(github.requests.filter((r) => r.method !== "GET").length).toBe(before);
    expect(github.protection.has("main")).toBe(false);
  });
});

describe("maestro protect --ruleset", () => {
  it("creates a Maestro ruleset, then finds it already right", async () => {
    expect((await protect("--ruleset", "--app-id", "7")).stdout).toBe(
      'acme/shop@main: create the ruleset "Maestro" requiring the Maestro check on the default branch\ndone\n',
    );
    expect(github.rulesets[0]).toMatchObject({
      name: "Maestro",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"] } },
      rules: [
        {
          type: "required_status_checks",
          parameters: { required_status_checks: [{ context: "Maestro", integration_id: 7 }] },
        },
      ],
    });
    expect((await protect("--ruleset", "--app-id", "7")).stdout).toMatch(
      /already requires the Maestro check; nothing to change/,
    );
    expect(github.rulesets).toHaveLength(1);
  });

  it("completes an existing Maestro ruleset for another branch, keeping its other rules", async () => {
    github.rulesets.push({
      id: 1,
      name: "Maestro",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["refs/heads/main"], exclude: [] } },
      rules: [{ type: "deletion" }],
    });
    expect((await protect("--ruleset", "--branch", "release")).code).toBe(0);
    expect(github.rulesets[0]).toMatchObject({
      conditions: { ref_name: { include: ["refs/heads/main", "refs/heads/release"] } },
      rules: [
        { type: "deletion" },
        { type: "required_status_checks", parameters: { required_status_checks: [{ context: "Maestro" }] } },
      ],
    });
  });
});

describe("maestro protect errors say what to fix", () => {
  it("no token, a missing branch, no admin rights, a bad --repo", async () => {
    expect(await maestroWithEnv(process.cwd(), {}, "protect", "--repo", "acme/shop")).toMatchObject({
      code: 2,
      stderr: "maestro protect: GITHUB_TOKEN is not set: export a token with admin rights on the repository\n",
    });
    expect(await protect("--branch", "nope")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot find the branch "nope" of acme/shop: not found (404)'),
    });
    github.admin = false;
    expect(await protect()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        "cannot read branch protection of acme/shop: the token needs admin rights on the repository (403)",
      ),
    });
    expect(await maestroWithEnv(process.cwd(), env, "protect", "--repo", "shop")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--repo OWNER/NAME is required"),
    });
  });

  it("against recorded API shapes (nock): GitHub's own 'Branch not protected' answer and a bad token", async () => {
    nock.disableNetConnect();
    try {
      nock("https://api.github.com")
        .get("/repos/octo/app")
        .reply(200, { default_branch: "trunk" })
        .get("/repos/octo/app/branches/trunk")
        .reply(200, { name: "trunk", protected: false })
        .get("/repos/octo/app/branches/trunk/protection")
        .reply(404, {
          message: "Branch not protected",
          documentation_url: "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
        });
      const dry = await maestroWithEnv(
        process.cwd(),
        { GITHUB_TOKEN: "x" },
        "protect",
        "--repo",
        "octo/app",
        "--dry-run",
      );
      expect(dry).toMatchObject({
        code: 0,
        stdout: "would octo/app@trunk: protect the branch, requiring the Maestro check\n",
      });
      nock("https://api.github.com").get("/repos/octo/app").reply(401, { message: "Bad credentials" });
      expect(
        await maestroWithEnv(process.cwd(), { GITHUB_TOKEN: "bad" }, "protect", "--repo", "octo/app"),
      ).toMatchObject({ code: 2, stderr: expect.stringContaining("GITHUB_TOKEN was refused by GitHub (401)") });
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });
});
