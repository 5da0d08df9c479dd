import { authorize, type Actor } from "../commands/authorize.js";
import type { Command } from "../commands/parse-commands.js";
import { HELP, renderExplain } from "../commands/render-replies.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { readSticky } from "../publish/sticky-comment.js";
import { scoreSchema, type Score } from "../score/score-schema.js";
import { loadRepoScore } from "./load-repo-score.js";
import type { CommandJob } from "./review-job.js";
import { runReview, type ReviewDeps } from "./run-review.js";

type Reaction = "+1" | "confused" | "eyes";

/**
 * The commands of one comment (or a check-run button), in order: each is authorized against what
 * GitHub says of the person (their role, their teams) and the score's `conductors:`; a refused one
 * gets a `confused` reaction and a reply saying why; an accepted one a `+1` and its effect. Review
 * commands end in one review of the PR's head, carrying the sign-off if one was given.
 */
export async function runCommands(job: CommandJob, deps: ReviewDeps): Promise<void> {
  const { octokit } = deps;
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const { data: pr } = await octokit.rest.pulls.get({ owner: job.owner, repo: job.repo, pull_number: job.pullNumber });
  const score = await scoreOf(octokit, repo, deps, pr.base.sha);
  let actor: Actor | undefined;
  const actorFacts = async () => (actor ??= await describeActor(octokit, repo, job.actor, score));
  const react = (content: Reaction) => (job.commentId === undefined ? Promise.resolve() : reactTo(octokit, repo, job.commentId, content, deps));
  const reply = (body: string) => octokit.rest.issues.createComment({ owner: job.owner, repo: job.repo, issue_number: job.pullNumber, body });

  let review: { signOff?: { kind: "approve" | "override"; reason: string } } | undefined;
  for (const command of job.commands) {
    if (command.kind === "help" || command.kind === "unknown") {
      await react(command.kind === "help" ? "+1" : "confused");
      await reply(command.kind === "unknown" ? `Unknown command \`/maestro ${command.text}\`.\n\n${HELP}` : HELP);
      continue;
    }
    if (command.kind === "explain") {
      await react("+1");
      const sticky = await readSticky(octokit, repo, job.pullNumber, await deps.ownLogin());
      await reply(renderExplain(command.topic, sticky.verdict));
      continue;
    }
    const refusal = command.kind === "override" && !command.reason ? "an override needs a reason: `/maestro override <why this may merge>`" : undefined;
    const decision = refusal ? { allowed: false as const, reason: refusal } : authorize(command, await actorFacts(), pr.user.login, score);
    if (!decision.allowed) {
      await react("confused");
      await reply(`@${job.actor.login} \`/maestro ${describe(command)}\` was refused: ${decision.reason}.`);
      continue;
    }
    await react("+1");
    review = command.kind === "re-review" ? (review ?? {}) : { signOff: { kind: command.kind, reason: command.reason } };
  }
  if (!review) return;
  const signOff = review.signOff ? { ...review.signOff, by: job.actor.login, at: new Date().toISOString(), sha: pr.head.sha } : undefined;
  await runReview(
    { kind: "pull_request", installationId: job.installationId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber, headSha: pr.head.sha, trigger: "command", deliveryId: job.deliveryId, ...(signOff ? { signOff } : {}) },
    deps,
  );
}

/** The base's score for `conductors:` and `agents:`; with none (or a broken one), the defaults. */
async function scoreOf(octokit: GitHubClient, repo: RepoRef, deps: ReviewDeps, baseSha: string): Promise<Score> {
  const loaded = await loadRepoScore(octokit, repo, await deps.snapshots(octokit, repo, baseSha));
  return loaded.kind === "found" && loaded.parsed.ok ? loaded.parsed.score : scoreSchema.parse({ version: 1 });
}

/** The person's role on the repository and their conductor teams, as GitHub says. */
async function describeActor(octokit: GitHubClient, { owner, repo }: RepoRef, who: { login: string; isBot: boolean }, score: Score): Promise<Actor> {
  let role = "none";
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: who.login });
    role = (data as { role_name?: string }).role_name ?? data.permission;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  const teams: string[] = [];
  for (const entry of score.conductors.teams) {
    const [org, slug] = entry.includes("/") ? (entry.split("/", 2) as [string, string]) : [owner, entry];
    try {
      const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: who.login });
      if (data.state === "active") teams.push(`${org}/${slug}`);
    } catch (error) {
      // Not a member, or the team is not visible to the app (members: read): either way, not a conductor by team.
      if (![404, 403].includes((error as { status?: number }).status ?? 0)) throw error;
    }
  }
  return { login: who.login, isBot: who.isBot, role, teams };
}

async function reactTo(octokit: GitHubClient, { owner, repo }: RepoRef, commentId: number, content: Reaction, deps: ReviewDeps): Promise<void> {
  try {
    await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
  } catch (error) {
    deps.log.warn({ err: error }, "could not react to a command");
  }
}

function describe(command: Command): string {
  return command.kind === "approve" || command.kind === "override" ? `${command.kind}${command.reason ? ` ${command.reason}` : ""}` : command.kind;
}
