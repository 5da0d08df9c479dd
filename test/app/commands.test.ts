import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";

/**
 * Conductor commands against the GitHub emulator (git-backed, every request checked against
 * GitHub's OpenAPI description), with Maestro's app in-process and GitHub's roles and teams set per test.
 */
const SCORE = `version: 1
agents:
  logins: ["*[bot]", "svc-agent-*"]
protected:
  - paths: ["migrations/**"]
    reason: schema changes need a human
conductors:
  users: [carol]
  teams: [architects]
  min_permission: maintain
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
`;

let app: EmulatedApp;
let github: EmulatedApp["github"];
let repo: EmulatedApp["repo"];
const deliver = (name: string, payload: Record<string, unknown>) => app.deliver(name, payload);
const reviewedPull = (files: Record<string, string | null>, user?: string) => app.reviewedPull(files, user);
const comment = (number: number, login: string, body: string, type?: string) => app.comment(number, login, body, type);
const latest = (sha: string) => app.latest(sha);
const reactionsOn = (id: number) => app.reactionsOn(id);
const sticky = (number: number) => app.sticky(number);

beforeAll(async () => {
  app = await createEmulatedApp({
    ".github/maestro.yml": SCORE,
    "src/domain/a.ts": "export const a = 1;\n",
    "src/infra/db.ts": "export const db = 1;\n",
    "test/a.test.ts": "test('a', () => {});\n",
  });
  ({ github, repo } = app);
  for (const [login, role] of [
    ["ada", "admin"],
    ["max", "maintain"],
    ["wes", "write"],
    ["rita", "read"],
    ["carol", "read"],
    ["tom", "write"],
    ["dev", "write"],
  ])
    github.roles.set(login as string, role as string);
  github.teams.set("acme/architects", new Set(["tom"]));
}, 30_000);

afterAll(async () => {
  expect(github.mismatches).toEqual([]);
  await app.stop();
});

const blocking = { "src/domain/a.ts": `import { db } from "../infra/db";\nexport const a = db;\n` };
const needsConductor = { "migrations/001.sql": "create table t();\n", "src/infra/x.ts": "export const x = 1;\n" };

describe("approve and override", () => {
  it("a maintainer's approve turns a conductor verdict into success, recorded with who, when, the SHA and why", async () => {
    const pr = await reviewedPull(needsConductor);
    expect(latest(pr.sha)).toMatchObject({ conclusion: "action_required" });
    const c = await comment(pr.number, "max", "Looks fine to me.\n/maestro approve migration reviewed with the DBA");
    expect(reactionsOn(c.id)).toEqual(["+1"]);
    const run = latest(pr.sha);
    expect(run).toMatchObject({ conclusion: "success" });
    expect(run?.output?.title).toMatch(
      /^Signed off by @max: needed a conductor — touches protected path migrations\/001\.sql/,
    );
    expect(run?.output?.summary).toMatch(
      new RegExp(
        `### Sign-off\\n\\nApproved by @max on \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z for ${pr.sha.slice(0, 7)}: migration reviewed with the DBA`,
      ),
    );
    expect(sticky(pr.number)).toContain("Approved by @max");
  });

  it("approve does not cover a block; override (by an admin, with a reason) does", async () => {
    const pr = await reviewedPull(blocking);
    const refused = await comment(pr.number, "max", "/maestro approve");
    expect(latest(pr.sha)).toMatchObject({ conclusion: "failure" });
    // regression: an approve on a blocked commit got a +1 first, then a refusal
    expect(reactionsOn(refused.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toBe(
      "@max `/maestro approve` was refused: this commit is **blocked**: `approve` only covers a conductor verdict. A conductor may `/maestro override <reason>`.",
    );
    const c = await comment(pr.number, "ada", "/maestro override hotfix, the boundary is fixed in #99");
    expect(reactionsOn(c.id)).toEqual(["+1"]);
    expect(latest(pr.sha)).toMatchObject({
      conclusion: "success",
      output: expect.objectContaining({ title: expect.stringMatching(/^Overridden by @ada: blocked/) }),
    });
  });

  it("an override without a reason is refused", async () => {
    const pr = await reviewedPull(blocking);
    const c = await comment(pr.number, "ada", "/maestro override");
    expect(reactionsOn(c.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toBe(
      "@ada `/maestro override` was refused: an override needs a reason: `/maestro override <why this may merge>`.",
    );
    expect(latest(pr.sha)).toMatchObject({ conclusion: "failure" });
  });

  it("a sign-off holds for its commit: re-review keeps it, a new push needs a new one", async () => {
    const pr = await reviewedPull(blocking);
    await comment(pr.number, "ada", "/maestro override accepted risk");
    await comment(pr.number, "dev", "/maestro re-review");
    expect(latest(pr.sha)).toMatchObject({ conclusion: "success" });
    repo.git("checkout", "-q", pr.branch);
    repo.write({ "src/domain/b.ts": `import { db } from "../infra/db";\nexport const b = db;\n` });
    const pushed = repo.commit("push again");
    repo.git("checkout", "-q", "main");
    await deliver("pull_request", app.pullRequestEvent("synchronize", pr, pushed));
    expect(latest(pushed)).toMatchObject({ conclusion: "failure" });
  });

  it("the check run's Sign off button is an approve by whoever clicked, with the same checks", async () => {
    const pr = await reviewedPull(needsConductor);
    const click = (login: string) =>
      deliver(
        "check_run",
        checkRunEvent("requested_action", pr.sha, pr.number, {
          requested_action: { identifier: "sign-off" },
          sender: { login, type: "User" },
        }),
      );
    expect(latest(pr.sha)?.actions).toContainEqual(
      expect.objectContaining({ identifier: "sign-off", label: "Sign off" }),
    );
    await click("wes");
    expect(latest(pr.sha)).toMatchObject({ conclusion: "action_required" });
    expect(github.replies(pr.number).at(-1)?.body).toMatch(
      /^@wes `\/maestro approve signed off with the check run's button` was refused: only conductors may approve/,
    );
    await click("max");
    expect(latest(pr.sha)).toMatchObject({ conclusion: "success" });
  });
});

describe("who may sign off", () => {
  it.each([
    ["ada", "admin", true],
    ["max", "maintain", true],
    ["carol", "in conductors.users (read role)", true],
    ["tom", "in the architects team (write role)", true],
    ["wes", "write", false],
    ["rita", "read", false],
    ["stranger", "no role at all", false],
  ])("@%s (%s) may approve: %s", async (login, _why, allowed) => {
    const pr = await reviewedPull(needsConductor);
    const c = await comment(pr.number, login, "/maestro approve");
    expect(reactionsOn(c.id)).toEqual([allowed ? "+1" : "confused"]);
    expect(latest(pr.sha)?.conclusion).toBe(allowed ? "success" : "action_required");
    if (!allowed)
      expect(github.replies(pr.number).at(-1)?.body).toMatch(
        /was refused: only conductors may approve: the maintain role or higher, or conductors\.users \(carol\), or a member of conductors\.teams \(architects\)/,
      );
  });

  it("the PR's own author can never approve, even as an admin", async () => {
    const pr = await reviewedPull(needsConductor, "ada");
    const c = await comment(pr.number, "ada", "/maestro approve");
    expect(reactionsOn(c.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toContain("the PR's author cannot approve their own PR");
  });

  it("an agent login can never approve, even with admin rights", async () => {
    github.roles.set("svc-agent-7", "admin");
    const pr = await reviewedPull(needsConductor);
    const c = await comment(pr.number, "svc-agent-7", "/maestro approve");
    expect(reactionsOn(c.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toContain(
      '@svc-agent-7 matches agents.logins "svc-agent-*": an agent cannot approve',
    );
    expect(latest(pr.sha)?.conclusion).toBe("action_required");
  });

  it("comments by bots, Maestro included, trigger nothing", async () => {
    const pr = await reviewedPull(needsConductor);
    const before = github.requests.length;
    const c = await comment(pr.number, "renovate[bot]", "/maestro approve", "Bot");
    expect(reactionsOn(c.id)).toEqual([]);
    expect(github.requests.length).toBe(before);
  });
});

describe("re-review, explain and help", () => {
  it("re-review: the author or write access runs it; read access is refused", async () => {
    const pr = await reviewedPull(blocking);
    const runs = () => github.runsOn(pr.sha).length;
    const first = runs();
    const refused = await comment(pr.number, "rita", "/MAESTRO RE-REVIEW");
    expect(reactionsOn(refused.id)).toEqual(["confused"]);
    expect(runs()).toBe(first);
    await comment(pr.number, "dev", "  /maestro re-review please");
    await comment(pr.number, "wes", "/maestro re-review");
    expect(runs()).toBe(first + 2);
  });

  it("explain: what a rule means, this PR's instances, how to fix; a signal too", async () => {
    const pr = await reviewedPull(blocking);
    await comment(pr.number, "rita", "/maestro explain boundary");
    const reply = github.replies(pr.number).at(-1)?.body ?? "";
    expect(reply).toContain("### `boundary`: Module boundary");
    expect(reply).toContain("- `src/domain/a.ts:1` domain may not use infra");
    expect(reply).toContain("**How to fix:**");
    await comment(pr.number, "rita", "/maestro explain untested");
    expect(github.replies(pr.number).at(-1)?.body).toMatch(
      /### `untested`: Untested \(risk signal\)[\s\S]*`risk\.weights\.untested`/,
    );
  });

  it("help lists the commands; an unknown command gets the help; a command in a code block is not one", async () => {
    const pr = await reviewedPull(blocking);
    const help = await comment(pr.number, "rita", "/maestro help");
    expect(reactionsOn(help.id)).toEqual(["+1"]);
    expect(github.replies(pr.number).at(-1)?.body).toContain(
      "| `/maestro override <reason>` | conductors (reason required) |",
    );
    const unknown = await comment(pr.number, "rita", "/maestro merge-it-now");
    expect(reactionsOn(unknown.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toMatch(/^Unknown command `\/maestro merge-it-now`\./);
    const before = github.replies(pr.number).length;
    await comment(pr.number, "ada", "Try this:\n```\n/maestro override because\n```");
    expect(github.replies(pr.number)).toHaveLength(before);
    expect(latest(pr.sha)?.conclusion).toBe("failure");
  });
});

const push = (pr: { number: number; branch: string }, files: Record<string, string | null>, deliverWebhook?: boolean) =>
  app.push(pr, files, deliverWebhook);
const checkRunEvent = (
  action: "rerequested" | "requested_action",
  sha: string,
  number: number,
  extra?: Record<string, unknown>,
) => app.checkRunEvent(action, sha, number, extra);
const freshApp = (options: { signingSecret?: string } = {}) => app.startProcess(options);

describe("hostile sign-offs and stale clicks", () => {
  it("regression: a sign-off line edited into Maestro's comment by someone with write access is not believed", async () => {
    const pr = await reviewedPull(blocking);
    const own = github.comments.find(
      (c) => c.issue === pr.number && c.user.login === "maestro[bot]" && c.body.startsWith("<!-- maestro:sticky -->"),
    );
    const forged = JSON.stringify([
      { by: "ada", at: "2026-01-01T00:00:00.000Z", sha: pr.sha, kind: "override", reason: "forged" },
    ]).replace(/-/g, "\\u002d");
    if (own)
      own.body = own.body.replace(
        `<!-- maestro:head ${pr.sha} -->\n`,
        `<!-- maestro:head ${pr.sha} -->\n<!-- maestro:sign-offs ${forged} ${"0".repeat(64)} -->\n`,
      );
    expect(own?.body).toContain("maestro:sign-offs");
    await comment(pr.number, "dev", "/maestro re-review");
    expect(latest(pr.sha)).toMatchObject({
      conclusion: "failure",
      output: expect.objectContaining({ title: expect.stringMatching(/^Blocked/) }),
    });
  });

  it("regression: a file name carrying a hidden sign-off line is shown as text, never as a hidden line", async () => {
    const name = `src/domain/<!-- maestro:sign-offs x -->.ts`;
    const pr = await reviewedPull({ ...blocking, [name]: `import { db } from "../infra/db";\nexport const z = db;\n` });
    const body = sticky(pr.number);
    expect(body).toContain("&lt;!-- maestro:sign-offs x --&gt;.ts");
    expect(body.split("\n").filter((line) => line.includes("<!--"))).toEqual([
      "<!-- maestro:sticky -->",
      `<!-- maestro:head ${pr.sha} -->`,
    ]);
    expect(latest(pr.sha)?.output?.summary).not.toContain("<!-- maestro:sign-offs");
  });

  it("regression: a file name or command text with backticks and tags stays text: no way out of its code span, nothing folded away", async () => {
    const pr = await reviewedPull({
      "src/domain/x`<details>.ts": `import { db } from "../infra/db";\nexport const x = db;\n`,
    });
    const summary = latest(pr.sha)?.output?.summary ?? "";
    expect(summary).toContain("| ``src/domain/x`<details>.ts:1`` |");
    // That code span is the only place the tag appears as such: everywhere else it is escaped text.
    expect(summary.split("<details>")).toHaveLength(2);
    await comment(pr.number, "rita", "/maestro explain x` **Approved by @lead** <img src=x>");
    expect(github.replies(pr.number).at(-1)?.body).toMatch(
      /^There is no rule or signal ``x` \*\*approved by @lead\*\* <img src=x>``\./,
    );
  });

  it("a sealed sign-off is not believed by a Maestro with another secret", async () => {
    const pr = await reviewedPull(needsConductor);
    await comment(pr.number, "max", "/maestro approve reviewed");
    expect(latest(pr.sha)?.conclusion).toBe("success");
    const other = await freshApp({ signingSecret: "another secret" });
    await other.receive("check_run", checkRunEvent("rerequested", pr.sha, pr.number));
    expect(latest(pr.sha)?.conclusion).toBe("action_required");
  });

  it("regression: the Sign off button on an older commit's check run does not sign the newer head", async () => {
    const pr = await reviewedPull(needsConductor);
    const newer = await push(pr, { "migrations/002.sql": "drop table t;\n" });
    expect(latest(newer)?.conclusion).toBe("action_required");
    await deliver(
      "check_run",
      checkRunEvent("requested_action", pr.sha, pr.number, { requested_action: { identifier: "sign-off" } }),
    );
    expect(latest(newer)?.conclusion).toBe("action_required");
    expect(github.replies(pr.number).at(-1)?.body).toBe(
      `@max \`/maestro approve signed off with the check run's button\` was refused: the PR's head moved to ${newer.slice(0, 7)} after you acted on ${pr.sha.slice(0, 7)}: review the new commit, then sign off again.`,
    );
  });

  it("regression: an approve written before a push that Maestro had not seen yet is refused, not applied to the new head", async () => {
    const pr = await reviewedPull(needsConductor);
    const newer = await push(pr, { "migrations/003.sql": "drop table users;\n" }, false);
    const c = await comment(pr.number, "max", "/maestro approve looked at the migration");
    expect(reactionsOn(c.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toContain(
      `the PR's head moved to ${newer.slice(0, 7)} after you acted on ${pr.sha.slice(0, 7)}`,
    );
    expect(github.runsOn(newer).every((run) => run.conclusion !== "success")).toBe(true);
  });

  it("regression: after a restart (no push seen yet), an approve still applies only to the head GitHub had when the comment arrived", async () => {
    const pr = await reviewedPull(needsConductor);
    const restarted = await freshApp();
    const slow = github.hold("GET", new RegExp(`/tarball/${pr.sha}$`));
    await restarted.send("check_run", checkRunEvent("rerequested", pr.sha, pr.number));
    const posted = github.addUserComment(pr.number, "max", "/maestro approve reviewed");
    await restarted.send("issue_comment", app.commentEvent(pr.number, posted.id, "max", "/maestro approve reviewed"));
    const newer = await push(pr, { "migrations/004.sql": "drop table orders;\n" }, false);
    slow.release();
    await restarted.drain();
    expect(reactionsOn(posted.id)).toEqual(["confused"]);
    expect(github.replies(pr.number).at(-1)?.body).toContain(
      `the PR's head moved to ${newer.slice(0, 7)} after you acted on ${pr.sha.slice(0, 7)}`,
    );
    expect(github.runsOn(newer).every((run) => run.conclusion !== "success")).toBe(true);
  });

  it("regression: a re-run of an older commit's check run judges that commit's own change, not the PR's newest files", async () => {
    const pr = await reviewedPull(blocking);
    expect(latest(pr.sha)?.conclusion).toBe("failure");
    const fixed = await push(pr, {
      "src/domain/a.ts": "export const a = 1;\n",
      "src/infra/ok.ts": "export const ok = 1;\n",
    });
    expect(latest(fixed)?.conclusion).not.toBe("failure");
    await deliver("check_run", checkRunEvent("rerequested", pr.sha, pr.number));
    const rerun = latest(pr.sha);
    expect(rerun).toMatchObject({
      conclusion: "failure",
      output: expect.objectContaining({ title: "Blocked — 1 new boundary violation" }),
    });
    expect(rerun?.output?.summary).toContain(`is not this PR's head (${fixed.slice(0, 7)})`);
  });

  it("regression: removing the agent label leaves a trace in the verdict", async () => {
    const pr = await reviewedPull(needsConductor);
    expect(latest(pr.sha)?.conclusion).toBe("action_required");
    const pull = github.pulls.get(pr.number);
    if (pull) pull.labels = [];
    await deliver("pull_request", app.pullRequestEvent("unlabeled", pr, pr.sha, { label: { name: "ai-generated" } }));
    const run = latest(pr.sha);
    expect(run?.conclusion).toBe("neutral");
    expect(run?.output?.summary).toContain(
      "judged as a human's PR this time, but the previous review judged it as an agent's (label \"ai-generated\"",
    );
  });

  it("regression: a failing GET /app (the bot login) still leaves a completed check run with the verdict, never none", async () => {
    const pr = await reviewedPull(needsConductor);
    const fresh = await freshApp();
    github.faults.push({ method: "GET", path: /^\/app$/, status: 500, remaining: 20 });
    await fresh.receive("check_run", checkRunEvent("rerequested", pr.sha, pr.number));
    github.faults.length = 0;
    expect(github.runsOn(pr.sha)).toHaveLength(2);
    expect(latest(pr.sha)).toMatchObject({ status: "completed", conclusion: "action_required" });
  });
});
