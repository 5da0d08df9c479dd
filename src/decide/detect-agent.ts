import type { OpenPull } from "../analyse/contention/index.js";
import picomatch from "picomatch";
import type { PartSpec, Score, TrustSpec } from "../score/score-schema.js";
import { compileGlobs } from "../shared/glob.js";

/** What is known of a PR's origin: its author's login, head branch and labels. */
export interface Authorship {
  readonly login?: string;
  readonly branch?: string;
  readonly labels?: readonly string[];
  /** The author's account, as GitHub numbers and types it (`user.id`, `user.type`): an id outlives a renamed login. */
  readonly authorId?: number;
  readonly authorType?: string;
  /** The GitHub App GitHub says opened the PR (`performed_via_github_app`), when known. */
  readonly app?: { readonly id: number; readonly slug: string };
}

export interface Subject {
  readonly agent: boolean;
  /** Why: which `agents:` entry matched, or that none did. */
  readonly reason: string;
  /** How the verdict applies: agents are always `enforce`; humans follow `agents.human_prs`. */
  readonly policy: "enforce" | "advise" | "skip";
  /**
   * The agent's part (agents.parts) when one matched: the modules its PR may change, its own max_risk, and the
   * `trust` that may lower its review_at from its record.
   */
  readonly part?: {
    readonly name: string;
    readonly modules: string[];
    readonly max_risk?: number;
    readonly trust?: TrustSpec;
  };
}

/**
 * SPEC §1 `agents:`: a PR is agent-authored when its login, branch or a label matches (any match).
 * With nothing known of the author (a CLI run), the change is judged as an agent's: the strict side.
 */
export function detectAgent(score: Score, pr: Authorship | undefined): Subject {
  if (!pr)
    return { agent: true, reason: "judged as an agent's change (nothing said of its author)", policy: "enforce" };
  const { logins, branches, labels } = score.agents;
  const human = (reason: string): Subject => ({ agent: false, reason, policy: score.agents.human_prs });
  const agent = (reason: string): Subject => ({ agent: true, reason, policy: "enforce" });

  const part = matchPart(score.agents.parts, pr);
  if (part) {
    const { name, modules, max_risk, trust } = part.part;
    const extra = { ...(max_risk === undefined ? {} : { max_risk }), ...(trust === undefined ? {} : { trust }) };
    return { ...agent(part.reason), part: { name, modules, ...extra } };
  }

  const app = appMatches(score.agents.apps ?? [], pr);
  if (app !== undefined) return agent(`${app} is in agents.apps`);
  const login = pr.login ? logins.find((glob) => loginMatches(pr.login as string, glob)) : undefined;
  if (login !== undefined) return agent(`author ${pr.login} matches agents.logins "${login}"`);
  const branch = pr.branch ? branches.find((glob) => compileGlobs([glob])(pr.branch as string)) : undefined;
  if (branch !== undefined) return agent(`branch ${pr.branch} matches agents.branches "${branch}"`);
  const label = (pr.labels ?? []).find((l) => labels.some((wanted) => wanted.toLowerCase() === l.toLowerCase()));
  if (label !== undefined) return agent(`label "${label}" is in agents.labels`);
  return human(`${pr.login ?? "the author"} matches no agents: entry`);
}

/**
 * The part a PR plays: an app match in any part first (an account id or the app GitHub names cannot be renamed
 * away), then a login (who wrote it says most), then a branch, then a label. validate-score.ts refuses two parts
 * with the same app, login or branch glob, so the order of parts rarely decides.
 */
function matchPart(parts: readonly PartSpec[], pr: Authorship): { part: PartSpec; reason: string } | undefined {
  const { login, branch } = pr;
  for (const part of parts) {
    const app = appMatches(part.apps ?? [], pr);
    if (app !== undefined) return { part, reason: `${app} is in part "${part.name}" apps` };
  }
  for (const part of login ? parts : []) {
    const glob = part.logins.find((g) => loginMatches(login as string, g));
    if (glob !== undefined) return { part, reason: `author ${login} matches part "${part.name}" logins "${glob}"` };
  }
  for (const part of branch ? parts : []) {
    const glob = part.branches.find((g) => compileGlobs([g])(branch as string));
    if (glob !== undefined) return { part, reason: `branch ${branch} matches part "${part.name}" branches "${glob}"` };
  }
  for (const part of parts) {
    const label = (pr.labels ?? []).find((l) => part.labels.some((wanted) => wanted.toLowerCase() === l.toLowerCase()));
    if (label !== undefined) return { part, reason: `label "${label}" is in part "${part.name}" labels` };
  }
  return undefined;
}

/**
 * Which of `apps` (slugs or numeric ids) made the PR, said for the reason: the author is a bot whose account id is
 * listed, or whose login is `<slug>[bot]`, or GitHub names the app that performed it by id or slug.
 */
function appMatches(apps: readonly (string | number)[], pr: Authorship): string | undefined {
  if (apps.length === 0) return undefined;
  const slugIs = (slug: string) => (entry: string | number) =>
    typeof entry === "string" && entry.toLowerCase() === slug.toLowerCase();
  const { login, authorId, app } = pr;
  if (pr.authorType === "Bot" && authorId !== undefined && apps.includes(authorId))
    return `author ${login ?? "?"} (bot account ${authorId})`;
  const slug = login?.toLowerCase().endsWith("[bot]") ? login.slice(0, -"[bot]".length) : undefined;
  if (slug !== undefined && apps.some(slugIs(slug))) return `author ${login ?? "?"} (app ${slug})`;
  if (app && (apps.includes(app.id) || apps.some(slugIs(app.slug))))
    return `the app that opened it, ${app.slug} (${app.id}),`;
  return undefined;
}

/** What an open PR's listing says of its author, as detectAgent reads it. */
export function authorshipOf(pull: OpenPull): Authorship {
  return {
    login: pull.author,
    branch: pull.branch,
    labels: pull.labels,
    ...(pull.authorId !== undefined ? { authorId: pull.authorId } : {}),
    ...(pull.authorType !== undefined ? { authorType: pull.authorType } : {}),
  };
}

/** In a login glob `[bot]` is GitHub's suffix for apps, not a character class: only `*` and `?` are wild. */
export function loginMatches(login: string, glob: string): boolean {
  return picomatch.isMatch(
    login,
    glob.replace(/[[\]]/g, (bracket) => `\\${bracket}`),
    { nocase: true, dot: true },
  );
}
