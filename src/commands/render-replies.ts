import type { AgentRecord } from "../decide/agent-record-schema.js";
import type { Verdict } from "../decide/verdict.js";
import type { RuleDefinition } from "../checks/rule-definition.js";
import { RULES } from "../checks/rules/index.js";
import type { SignalDefinition } from "../checks/signal-definition.js";
import { SIGNALS } from "../checks/signals/index.js";
import { cell, codeSpan } from "../report/markdown-text.js";

export const HELP = `**Maestro commands** (one per line, in a PR comment):

| command | who | effect |
|---|---|---|
| \`/maestro re-review\` | write access, or the PR's author | runs the review again on the head commit |
| \`/maestro approve [reason]\` | conductors | turns a "conductor" verdict into success, for this commit |
| \`/maestro override <reason>\` | conductors (reason required) | turns a "block" verdict into success, for this commit |
| \`/maestro explain [rule-or-signal]\` | anyone | what a rule or signal means, this PR's instances, how to fix them |
| \`/maestro explain <agent>\` | anyone | that agent's record over the last 30 days (a part's name, or an agent on the podium) |
| \`/maestro help\` | anyone | this list |

Agents, bots and the PR's author can never approve or override; a new push needs a new sign-off.`;

/** Whether `/maestro explain <topic>` asks about a rule or a signal: those are answered before any agent's record. */
export function isRuleOrSignal(topic: string): boolean {
  return RULES.some((r) => r.id === topic) || SIGNALS.some((s) => s.id === topic);
}

/** `/maestro explain [id]`: what it means, where this PR has it, and how to fix or declare it. */
export function renderExplain(topic: string | undefined, verdict: Verdict | undefined): string {
  if (!topic) {
    const rules = RULES.map(({ id }) => `\`${id}\``).join(", ");
    const signals = SIGNALS.map(({ id }) => `\`${id}\``).join(", ");
    return `Ask about one rule or signal: \`/maestro explain <id>\`, or an agent's record: \`/maestro explain <agent>\`.\n\nRules: ${rules}.\nRisk signals: ${signals}.`;
  }
  const rule = RULES.find((r) => r.id === topic);
  if (rule) return explainRule(rule, verdict);
  const signal = SIGNALS.find((s) => s.id === topic);
  if (signal) return explainSignal(signal, verdict);
  return `There is no rule or signal ${codeSpan(topic)}. ${renderExplain(undefined, undefined)}`;
}

function explainRule({ id, explanation: doc }: RuleDefinition, verdict: Verdict | undefined): string {
  const here = (verdict?.violations ?? []).filter((v) => v.rule === id);
  const instances = here.length
    ? here
        .slice(0, 20)
        .map(
          (v) => `- ${codeSpan(`${v.file}:${v.line}`)} ${v.introduced ? "" : "(already at base) "}${cell(v.message)}`,
        )
        .join("\n")
    : "- none in this PR's latest review";
  return `### \`${id}\`: ${doc.title}\n\n${doc.meaning}\n\n**In this PR:**\n${instances}\n\n**How to fix:** ${doc.fix}`;
}

function explainSignal({ id, explanation: doc }: SignalDefinition, verdict: Verdict | undefined): string {
  const signal = verdict?.risk.signals.find((s) => s.id === id);
  const here = signal ? `+${signal.points} points: ${cell(signal.detail)}` : "not raised in this PR's latest review";
  return `### \`${id}\`: ${doc.title} (risk signal)\n\n${doc.meaning}\n\n**In this PR:** ${here}\n\n**How to lower it:** ${doc.fix} Its points can be changed in the score with \`risk.weights.${id}\` (0 turns it off).`;
}

/**
 * `/maestro explain <agent>`: the agent's record over the podium's window, as the podium shows it. The app asks when
 * the topic is a part's name or an agent on the podium (a rule or signal of the same name is answered first).
 */
export function explainAgent(agent: string, record: AgentRecord | undefined, podiumEnabled: boolean): string {
  const name = codeSpan(agent);
  if (!podiumEnabled)
    return `### ${name}: no record\n\nMaestro keeps agents' records on the podium, which is off in this repository. Turn it on with \`podium: true\` in \`.github/maestro.yml\`: from then on each agent's PRs are counted over the last 30 days.`;
  if (!record) return `### ${name}: no record\n\nNo PR of ${name} was judged in the last 30 days.`;
  const r = record;
  const share = (n: number) => `${n} (${Math.round((100 * n) / r.judged)} %)`;
  return [
    `### ${name}: record over the last ${r.days} days`,
    "",
    "| PRs judged | pass | conductor | block | blocked at least once | signed off | overridden | merged after an override |",
    "|---|---|---|---|---|---|---|---|",
    `| ${r.judged} | ${r.pass} | ${r.conductor} | ${r.block} | ${share(r.everBlocked)} | ${r.signOffs} | ${share(r.overrides)} | ${r.mergedAfterOverride} |`,
    "",
    "Each PR counts once, by its latest verdict; blocked, signed off and overridden count the PRs that ever were. A part's `trust` compares the blocked and overridden shares with its `max_block_rate` and `max_override_rate`. The podium issue lists its open PRs.",
  ].join("\n");
}

/**
 * The agent a `/maestro explain` topic names, without regard to case: a part's name, or an agent seen on the podium;
 * undefined otherwise. The app looks up rules and signals first: one of the same name wins.
 */
export function agentNamed(topic: string, agents: readonly string[]): string | undefined {
  return agents.find((agent) => agent.toLowerCase() === topic.toLowerCase());
}
