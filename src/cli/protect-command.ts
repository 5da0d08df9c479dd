import { RequestError } from "@octokit/request-error";
import { parseArgs } from "node:util";
import { statusOf } from "../gather/github/http-status.js";
import { CHECK_NAME } from "../publish/check-name.js";
import { planProtection } from "../protect/plan-protection.js";
import { planRuleset, RULESET_NAME } from "../protect/plan-ruleset.js";
import { maestroVersion } from "../version.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";

export const PROTECT_USAGE = `maestro protect --repo OWNER/NAME [--branch B] [--app-id N] [--ruleset] [--dry-run]
  Makes the Maestro check required on a branch (default: the default branch), keeping every other
  protection setting; --ruleset uses a repository ruleset instead; --app-id binds the check to the
  app; --dry-run prints what would change. Needs GITHUB_TOKEN with admin rights on the repository
  (GITHUB_API_URL for GitHub Enterprise Server). Idempotent.`;

export async function protectCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      repo: { type: "string" },
      branch: { type: "string" },
      "app-id": { type: "string" },
      ruleset: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const [owner, repo, extra] = (values.repo ?? "").split("/");
  if (!owner || !repo || extra !== undefined) throw new UsageError("--repo OWNER/NAME is required");
  const appId = values["app-id"] === undefined ? undefined : Number(values["app-id"]);
  if (appId !== undefined && !Number.isInteger(appId))
    throw new UsageError(`--app-id must be a number (got "${values["app-id"]}")`);
  const token = io.env.GITHUB_TOKEN;
  if (!token) throw new UsageError("GITHUB_TOKEN is not set: export a token with admin rights on the repository");

  // Loaded here, not with the CLI: `maestro check` never pays for the GitHub client.
  const { Octokit } = await import("@octokit/rest");
  const octokit = new Octokit({
    auth: token,
    baseUrl: io.env.GITHUB_API_URL ?? "https://api.github.com",
    userAgent: `maestro/${maestroVersion()}`,
    log: quiet,
  });
  const call = <T>(what: string, request: () => Promise<T>) =>
    request().catch((error: unknown) => Promise.reject(explain(error, what, `${owner}/${repo}`)));
  const { data: repository } = await call("read the repository", () => octokit.rest.repos.get({ owner, repo }));
  const branch = values.branch ?? repository.default_branch;
  await call(`find the branch "${branch}"`, () => octokit.rest.repos.getBranch({ owner, repo, branch }));
  const where = `${owner}/${repo}@${branch}`;
  const dryRun = values["dry-run"];

  if (values.ruleset) {
    const summaries = await call("list rulesets", () =>
      octokit.paginate(octokit.rest.repos.getRepoRulesets, { owner, repo, includes_parents: false }),
    );
    const mine = summaries.find((r) => r.name === RULESET_NAME);
    const existing = mine
      ? (
          await call("read the Maestro ruleset", () =>
            octokit.rest.repos.getRepoRuleset({ owner, repo, ruleset_id: mine.id }),
          )
        ).data
      : undefined;
    const plan = planRuleset(existing, CHECK_NAME, values.branch, appId, where);
    io.stdout(`${dryRun && plan.kind !== "nothing" ? "would " : ""}${plan.message}\n`);
    if (dryRun || plan.kind === "nothing") return EXIT.pass;
    // The plans build GitHub's documented bodies (checked against its OpenAPI description in the tests).
    if (plan.kind === "create")
      await call("create the ruleset", () =>
        octokit.rest.repos.createRepoRuleset({ owner, repo, ...plan.body } as Parameters<
          typeof octokit.rest.repos.createRepoRuleset
        >[0]),
      );
    else
      await call("update the ruleset", () =>
        octokit.rest.repos.updateRepoRuleset({ owner, repo, ruleset_id: plan.id, ...plan.body } as Parameters<
          typeof octokit.rest.repos.updateRepoRuleset
        >[0]),
      );
    io.stdout("done\n");
    return EXIT.pass;
  }

  const current = await call("read branch protection", () =>
    octokit.rest.repos.getBranchProtection({ owner, repo, branch }).then(
      ({ data }) => data,
      (error: unknown) =>
        error instanceof RequestError && error.status === 404 && /not protected/i.test(error.message)
          ? undefined
          : Promise.reject(error),
    ),
  );
  const plan = planProtection(current, CHECK_NAME, appId, where);
  io.stdout(`${dryRun && plan.kind !== "nothing" ? "would " : ""}${plan.message}\n`);
  if (dryRun || plan.kind === "nothing") return EXIT.pass;
  if (plan.kind === "add-check") {
    await call("update the required status checks", () =>
      octokit.rest.repos.updateStatusCheckProtection({
        owner,
        repo,
        branch,
        strict: plan.strict,
        checks: plan.checks.map((c) => ({ context: c.context, ...(c.app_id ? { app_id: c.app_id } : {}) })),
      }),
    );
  } else {
    await call("write branch protection", () =>
      octokit.rest.repos.updateBranchProtection({ owner, repo, branch, ...plan.body } as Parameters<
        typeof octokit.rest.repos.updateBranchProtection
      >[0]),
    );
  }
  io.stdout("done\n");
  return EXIT.pass;
}

function explain(error: unknown, what: string, repo: string): Error {
  const status = statusOf(error);
  if (status === 401) return new UsageError(`GITHUB_TOKEN was refused by GitHub (401): is it valid?`);
  if (status === 403)
    return new UsageError(`cannot ${what} of ${repo}: the token needs admin rights on the repository (403)`);
  if (status === 404)
    return new UsageError(`cannot ${what} of ${repo}: not found (404) — check the name, or that the token can see it`);
  return error instanceof Error ? error : new Error(String(error));
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
