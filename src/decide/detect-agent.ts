import picomatch from "picomatch";
import type { Score } from "../score/score-schema.js";
import { compileGlobs } from "../shared/glob.js";

/** What is known of a PR's origin: its author's login, head branch and labels. */
export interface Authorship {
  readonly login?: string;
  readonly branch?: string;
  readonly labels?: readonly string[];
}

export interface Subject {
  readonly agent: boolean;
  /** Why: which `agents:` entry matched, or that none did. */
  readonly reason: string;
  /** How the verdict applies: agents are always `enforce`; humans follow `agents.human_prs`. */
  readonly policy: "enforce" | "advise" | "skip";
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

  const login = pr.login ? logins.find((glob) => loginMatches(pr.login as string, glob)) : undefined;
  if (login !== undefined) return agent(`author ${pr.login} matches agents.logins "${login}"`);
  const branch = pr.branch ? branches.find((glob) => compileGlobs([glob])(pr.branch as string)) : undefined;
  if (branch !== undefined) return agent(`branch ${pr.branch} matches agents.branches "${branch}"`);
  const label = (pr.labels ?? []).find((l) => labels.some((wanted) => wanted.toLowerCase() === l.toLowerCase()));
  if (label !== undefined) return agent(`label "${label}" is in agents.labels`);
  return human(`${pr.login ?? "the author"} matches no agents: entry`);
}

/** In a login glob `[bot]` is GitHub's suffix for apps, not a character class: only `*` and `?` are wild. */
export function loginMatches(login: string, glob: string): boolean {
  return picomatch.isMatch(
    login,
    glob.replace(/[[\]]/g, (bracket) => `\\${bracket}`),
    { nocase: true, dot: true },
  );
}
