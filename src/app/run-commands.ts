import { authorize, type Actor } from "../commands/authorize.js";
import type { Command } from "../commands/parse-commands.js";
import { agentNamed, explainAgent, HELP, isRuleOrSignal, renderExplain } from "../commands/render-replies.js";
import { recordOf } from "../decide/agent-record.js";
import type { PodiumState } from "../report/podium/index.js";
import type { GitHubClient, RepoRef } from "../gather/github/github-client.js";
import { statusOf } from "../gather/github/http-status.js";
import { neutralizeHtmlComments } from "../publish/neutralize-html-comments.js";
import { codeSpan } from "../report/markdown-text.js";
import type { SignOff } from "../decide/sign-off.js";
import { readSticky } from "../publish/sticky-comment.js";
import { podiumSettings, scoreSchema, type Score } from "../score/score-schema.js";
import { loadRepoScore } from "./load-repo-score.js";
import type { CommandJob } from "./review-job.js";
import type { ReviewDeps } from "./review-deps.js";
import { runReview } from "./run-review.js";

type Reaction = "+1" | "confused" | "eyes";
type SignOffCommand = Extract<Command, { kind: "approve" | "override" }>;

/**
 * The commands of one comment (or a check-run button), in order: each is authorized against what
 * GitHub says of the person (their role, their teams) and the score's `conductors:`; a refused one
 * gets a `confused` reaction and a reply saying why. `help` and `explain` need nothing else, so they
 * answer even when the score is broken. Review commands end in one review of the PR's head; a
 * sign-off is acknowledged only once that review shows it applied, and only for the commit the
 * person acted on: a push since then refuses it.
 */
export async function runCommands(job: CommandJob, deps: ReviewDeps): Promise<void> {
  const { octokit } = deps;
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const react = (content: Reaction) =>
    job.commentId === undefined ? Promise.resolve() : reactTo(octokit, repo, job.commentId, content, deps);
  const reply = (body: string) =>
    octokit.rest.issues.createComment({
      owner: job.owner,
      repo: job.repo,
      issue_number: job.pullNumber,
      body: neutralizeHtmlComments(body),
    });
  const refuse = async (command: Command, reason: string) => {
    await react("confused");
    await reply(`@${job.actor.login} ${codeSpan(`/maestro ${describe(command)}`)} was refused: ${reason}.`);
  };

  let facts: Promise<{ pr: PullRequestFacts; score: Score }> | undefined;
  const pullRequest = () => (facts ??= readFacts(octokit, repo, job.pullNumber, deps));
  let actor: Actor | undefined;
  const actorFacts = async (score: Score) => (actor ??= await describeActor(octokit, repo, job.actor, score));

  /**
   * `/maestro explain <agent>`: the record of a part (by name) or of an agent the podium lists; undefined when the
   * topic is neither, so the rule-or-signal answer says what exists. A broken score still answers: no parts, no podium.
   */
  const agentRecordReply = async (topic: string): Promise<string | undefined> => {
    const { score } = await pullRequest();
    const podium = podiumSettings(score).enabled;
    let state: PodiumState | undefined;
    try {
      state = podium && deps.orchestra ? await deps.orchestra.podium.state(octokit, repo) : undefined;
    } catch (error) {
      // Said in the reply, never a record of none: the agent's record exists, Maestro could not read it now.
      deps.log.warn({ err: error }, "could not read the podium for /maestro explain");
      const name = agentNamed(
        topic,
        score.agents.parts.map((p) => p.name),
      );
      return name === undefined
        ? undefined
        : `The podium could not be read just now (${error instanceof Error ? error.message : String(error)}), so ${codeSpan(name)}'s record cannot be shown: ask again in a minute.`;
    }
    const name = agentNamed(topic, [
      ...score.agents.parts.map((p) => p.name),
      ...(state?.pulls.filter((p) => !p.human).map((p) => p.agent) ?? []),
    ]);
    return name === undefined ? undefined : explainAgent(name, state && recordOf(state, name, new Date()), podium);
  };

  let reReview = false;
  let signOff: { command: SignOffCommand; sha: string } | undefined;
  for (const command of job.commands) {
    if (command.kind === "help" || command.kind === "unknown") {
      await react(command.kind === "help" ? "+1" : "confused");
      await reply(
        command.kind === "unknown" ? `Unknown command ${codeSpan(`/maestro ${command.text}`)}.\n\n${HELP}` : HELP,
      );
      continue;
    }
    if (command.kind === "explain") {
      await react("+1");
      const agent = command.topic && !isRuleOrSignal(command.topic) ? await agentRecordReply(command.topic) : undefined;
      if (agent !== undefined) {
        await reply(agent);
        continue;
      }
      const sticky = await readSticky(octokit, job.pullNumber, await deps.ownLogin(), {
        repo,
        pullNumber: job.pullNumber,
        seal: deps.seal,
      });
      await reply(renderExplain(command.topic, sticky.verdict));
      continue;
    }
    if (command.kind === "override" && !command.reason) {
      await refuse(command, "an override needs a reason: `/maestro override <why this may merge>`");
      continue;
    }
    const { pr, score } = await pullRequest();
    const decision = authorize(command, await actorFacts(score), pr.author, score);
    if (!decision.allowed) {
      await refuse(command, decision.reason);
      continue;
    }
    if (command.kind === "re-review") {
      await react("+1");
      reReview = true;
      continue;
    }
    const actedOn = job.headSha ?? pr.headSha;
    if (actedOn !== pr.headSha) {
      await refuse(
        command,
        `the PR's head moved to ${pr.headSha.slice(0, 7)} after you acted on ${actedOn.slice(0, 7)}: review the new commit, then sign off again`,
      );
      continue;
    }
    signOff = { command, sha: actedOn };
  }
  if (!reReview && !signOff) return;

  const { pr } = await pullRequest();
  const given: SignOff | undefined = signOff
    ? {
        kind: signOff.command.kind,
        reason: signOff.command.reason,
        by: job.actor.login,
        at: new Date().toISOString(),
        sha: signOff.sha,
      }
    : undefined;
  const result = await runReview(
    {
      kind: "pull_request",
      installationId: job.installationId,
      owner: job.owner,
      repo: job.repo,
      pullNumber: job.pullNumber,
      headSha: given?.sha ?? pr.headSha,
      trigger: "command",
      deliveryId: job.deliveryId,
      ...(given ? { signOff: given } : {}),
    },
    deps,
  );
  if (!signOff) return;
  if (result.signOffApplied) {
    await tellPodium(job, signOff.command.kind === "override", (await pullRequest()).score, deps);
    return react("+1");
  }
  await refuse(signOff.command, notApplied(result.verdict));
}

/** A sign-off that applied counts in its agent's record on the podium (when the score keeps one). */
async function tellPodium(job: CommandJob, override: boolean, score: Score, deps: ReviewDeps): Promise<void> {
  const settings = podiumSettings(score);
  if (!deps.orchestra || !settings.enabled) return;
  try {
    await deps.orchestra.podium.add(
      { owner: job.owner, repo: job.repo, installationId: job.installationId },
      [{ kind: "signed-off", pr: job.pullNumber, by: job.actor.login, override, at: new Date().toISOString() }],
      settings.debounce_s,
    );
  } catch (error) {
    deps.log.warn({ err: error }, "could not tell the podium of this sign-off");
  }
}

function notApplied(verdict: string | undefined): string {
  if (verdict === "pass") return "this commit passes: there is nothing to sign off";
  if (verdict === "block")
    return "this commit is **blocked**: `approve` only covers a conductor verdict. A conductor may `/maestro override <reason>`";
  return "Maestro has no verdict on this commit to sign off (the review failed, or the score is invalid): see the check run";
}

interface PullRequestFacts {
  readonly author: string;
  readonly headSha: string;
}

/**
 * The PR as it is now, and the base's score for `conductors:` and `agents:` (the defaults when there is none, or a
 * broken one).
 */
async function readFacts(
  octokit: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  deps: ReviewDeps,
): Promise<{ pr: PullRequestFacts; score: Score }> {
  const { data: pr } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: pullNumber });
  const loaded = await loadRepoScore(octokit, repo, await deps.snapshots(octokit, repo, pr.base.sha), pr.base.sha);
  const score = loaded.kind === "found" && loaded.parsed.ok ? loaded.parsed.score : scoreSchema.parse({ version: 1 });
  return { pr: { author: pr.user.login, headSha: pr.head.sha }, score };
}

/** The person's role on the repository and their conductor teams, as GitHub says. */
async function describeActor(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  who: { login: string; isBot: boolean },
  score: Score,
): Promise<Actor> {
  let role = "none";
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: who.login });
    role = (data as { role_name?: string }).role_name ?? data.permission;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const teams: string[] = [];
  for (const entry of score.conductors.teams) {
    const [org, slug] = entry.includes("/") ? (entry.split("/", 2) as [string, string]) : [owner, entry];
    try {
      const { data } = await octokit.rest.teams.getMembershipForUserInOrg({
        org,
        team_slug: slug,
        username: who.login,
      });
      if (data.state === "active") teams.push(`${org}/${slug}`);
    } catch (error) {
      // Not a member, or the team is not visible to the app (members: read): either way, not a conductor by team.
      if (![404, 403].includes(statusOf(error) ?? 0)) throw error;
    }
  }
  return { login: who.login, isBot: who.isBot, role, teams };
}

async function reactTo(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  commentId: number,
  content: Reaction,
  deps: ReviewDeps,
): Promise<void> {
  try {
    await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
  } catch (error) {
    deps.log.warn({ err: error }, "could not react to a command");
  }
}

function describe(command: Command): string {
  return command.kind === "approve" || command.kind === "override"
    ? `${command.kind}${command.reason ? ` ${command.reason}` : ""}`
    : command.kind;
}
