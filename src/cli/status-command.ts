import { parseArgs } from "node:util";
import { agentRecords } from "../decide/agent-record.js";
import type { AgentRecord } from "../decide/agent-record-schema.js";
import { statusOf } from "../gather/github/http-status.js";
import { contentionOf } from "../report/podium/contention-of.js";
import { parsePodium, PODIUM_MARKER, PODIUM_TITLE, type PodiumState } from "../report/podium/index.js";
import { maestroVersion } from "../version.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";

export const STATUS_USAGE = `maestro status --repo OWNER/NAME [--format text|json]
  Prints the podium (every open agent PR and each agent's 30-day record) from the repository's
  "Maestro podium" issue, which the app keeps when the score has podium: true. Needs GITHUB_TOKEN
  with read access to the repository's issues. Exits 1 when the repository has no podium.`;

/** What `maestro status --format json` prints. */
export interface StatusJson {
  readonly issue: { readonly number: number; readonly url: string; readonly updatedAt: string };
  readonly pulls: readonly StatusPull[];
  readonly records: readonly AgentRecord[];
}

interface StatusPull {
  readonly pr: number;
  readonly agent: string;
  readonly author: string;
  readonly head: string;
  readonly verdict: "pass" | "conductor" | "block";
  readonly risk: number;
  readonly modules: readonly string[];
  readonly waitingSince: string | null;
  readonly contention: readonly number[];
}

/**
 * The podium for a conductor in a terminal: the issue is found by its hidden marker through GitHub's search, and
 * only an issue a bot wrote whose body starts with the marker counts (anyone may paste the marker). The oldest such
 * issue is the podium, as the app decides.
 */
export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { repo: { type: "string" }, format: { type: "string", default: "text" } },
  });
  const [owner, repo, extra] = (values.repo ?? "").split("/");
  if (!owner || !repo || extra !== undefined) throw new UsageError("--repo OWNER/NAME is required");
  const format = values.format;
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json (got "${format}")`);
  const token = io.env.GITHUB_TOKEN;
  if (!token) throw new UsageError("GITHUB_TOKEN is not set: export a token that can read the repository's issues");

  // Loaded here, not with the CLI: `maestro check` never pays for the GitHub client.
  const { Octokit } = await import("@octokit/rest");
  const octokit = new Octokit({
    auth: token,
    baseUrl: io.env.GITHUB_API_URL ?? "https://api.github.com",
    userAgent: `maestro/${maestroVersion()}`,
    log: quiet,
  });
  const { data } = await octokit.rest.search
    .issuesAndPullRequests({
      // Search does not promise to index the hidden marker (GitHub Enterprise Server does not): the title finds the
      // issue, the marker and a bot author tell the podium from one titled alike.
      q: `repo:${owner}/${repo} is:issue in:title "${PODIUM_TITLE}"`,
      sort: "created",
      order: "asc",
      per_page: 20,
    })
    .catch((error: unknown) => Promise.reject(explain(error, `${owner}/${repo}`)));
  const issue = data.items
    .filter((item) => !item.pull_request && item.user?.type === "Bot" && (item.body ?? "").startsWith(PODIUM_MARKER))
    .sort((a, b) => a.number - b.number)[0];
  if (!issue) {
    io.stderr(
      `maestro status: ${owner}/${repo} has no podium issue: the app keeps one when the score has \`podium: true\`, from its next review\n`,
    );
    return EXIT.flagged;
  }
  const state = parsePodium(issue.body ?? "");
  if (!state) {
    io.stderr(
      `maestro status: the podium issue ${owner}/${repo}#${issue.number} holds no state Maestro can read (edited by hand?); the app rewrites it at its next review\n`,
    );
    return EXIT.flagged;
  }
  const status = podiumStatus(state, { number: issue.number, url: issue.html_url }, new Date());
  io.stdout(format === "json" ? `${JSON.stringify(status, null, 2)}\n` : statusText(status, `${owner}/${repo}`));
  return EXIT.pass;
}

function podiumStatus(state: PodiumState, issue: { number: number; url: string }, now: Date): StatusJson {
  const open = state.pulls.filter((p) => p.closedAt === undefined);
  return {
    issue: { ...issue, updatedAt: state.updatedAt },
    pulls: open
      .filter((p) => !p.human)
      .map((p) => ({
        pr: p.pr,
        agent: p.agent,
        author: p.author,
        head: p.head,
        verdict: p.verdict,
        risk: p.risk,
        modules: p.modules,
        waitingSince: p.waitingSince ?? null,
        contention: contentionOf(p, open),
      })),
    records: agentRecords(state, now),
  };
}

function statusText(status: StatusJson, repo: string): string {
  const lines = [`Maestro podium of ${repo} (issue #${status.issue.number}, updated ${status.issue.updatedAt})`, ""];
  lines.push(`Open agent PRs (${status.pulls.length}):`);
  if (status.pulls.length === 0) lines.push("  none");
  for (const p of status.pulls) {
    const waiting = p.waitingSince ? `  waiting for sign-off since ${p.waitingSince}` : "";
    const contention = p.contention.length ? `  contention ${p.contention.map((n) => `#${n}`).join(", ")}` : "";
    lines.push(
      `  #${p.pr}  ${p.agent}  ${p.verdict}  risk ${p.risk}  modules ${p.modules.join(", ") || "none"}${waiting}${contention}`,
    );
  }
  lines.push("", "Records (last 30 days):");
  if (status.records.length === 0) lines.push("  none");
  for (const r of status.records)
    lines.push(
      `  ${r.agent}  judged ${r.judged}: ${r.pass} pass, ${r.conductor} conductor, ${r.block} block; blocked at least once ${r.everBlocked}; signed off ${r.signOffs}; overridden ${r.overrides}; merged after an override ${r.mergedAfterOverride}`,
    );
  return `${lines.join("\n")}\n`;
}

/** Every failure to read GitHub is a one-line message and exit 2: the token, the repository or the network. */
function explain(error: unknown, repo: string): UsageError {
  const status = statusOf(error);
  if (status === 401) return new UsageError("GITHUB_TOKEN was refused by GitHub (401): is it valid?");
  if (status === 403 || status === 422)
    return new UsageError(
      `cannot search the issues of ${repo} (${status}): check the name, and that the token can read its issues`,
    );
  const message = error instanceof Error ? error.message : String(error);
  return new UsageError(`cannot read ${repo}'s podium from GitHub: ${message}`);
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
