import { loginMatches } from "../decide/detect-agent.js";
import type { Score } from "../score/score-schema.js";
import type { Command } from "./parse-commands.js";

/** What GitHub says of the person acting: their login, whether they are a bot, role and teams. */
export interface Actor {
  readonly login: string;
  readonly isBot: boolean;
  /** GitHub's role on the repository: admin, maintain, write, triage, read or none. */
  readonly role: string;
  /** `org/team` slugs among `conductors.teams` the actor is an active member of. */
  readonly teams: readonly string[];
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const RANK = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 } as const;

/**
 * SPEC §5's "who": anyone for explain and help; write access or the PR's author for re-review;
 * conductors (`conductors.users`, `conductors.teams`, or `min_permission` and up) for approve and
 * override — and never an agent, a bot, or the PR's own author.
 */
export function authorize(command: Command, actor: Actor, prAuthor: string, score: Score): Decision {
  switch (command.kind) {
    case "help":
    case "explain":
    case "unknown":
      return { allowed: true };
    case "re-review":
      if (actor.isBot) return refuse("bots cannot run commands");
      if (sameLogin(actor.login, prAuthor) || rank(actor.role) >= RANK.write) return { allowed: true };
      return refuse(`re-review needs write access or being the PR's author; @${actor.login} has ${actor.role}`);
    case "approve":
    case "override":
      return authorizeConductor(command.kind, actor, prAuthor, score);
  }
}

function authorizeConductor(kind: "approve" | "override", actor: Actor, prAuthor: string, score: Score): Decision {
  if (actor.isBot || actor.login.toLowerCase().endsWith("[bot]")) return refuse(`a bot cannot ${kind}`);
  const agentGlob = score.agents.logins.find((glob) => loginMatches(actor.login, glob));
  if (agentGlob) return refuse(`@${actor.login} matches agents.logins "${agentGlob}": an agent cannot ${kind}`);
  // An agent named only by its part is an agent all the same.
  for (const part of score.agents.parts) {
    const glob = part.logins.find((g) => loginMatches(actor.login, g));
    if (glob) return refuse(`@${actor.login} matches part "${part.name}" logins "${glob}": an agent cannot ${kind}`);
  }
  if (sameLogin(actor.login, prAuthor)) return refuse(`the PR's author cannot ${kind} their own PR`);
  const { users, teams, min_permission } = score.conductors;
  if (users.some((u) => sameLogin(u, actor.login))) return { allowed: true };
  if (actor.teams.length > 0) return { allowed: true };
  if (rank(actor.role) >= RANK[min_permission]) return { allowed: true };
  const who = [
    `the ${min_permission} role or higher`,
    ...(users.length ? [`conductors.users (${users.join(", ")})`] : []),
    ...(teams.length ? [`a member of conductors.teams (${teams.join(", ")})`] : []),
  ].join(", or ");
  return refuse(`only conductors may ${kind}: ${who}; @${actor.login} has ${actor.role}`);
}

function rank(role: string): number {
  return (RANK as Readonly<Record<string, number>>)[role] ?? RANK.read;
}

function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function refuse(reason: string): Decision {
  return { allowed: false, reason };
}
