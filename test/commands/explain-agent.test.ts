import type { AgentRecord } from "../../src/decide/agent-record-schema.js";
import { agentNamed, explainAgent, HELP, renderExplain } from "../../src/commands/render-replies.js";

/** `/maestro explain <agent>`: the reply a conductor reads in the PR. */
const RECORD: AgentRecord = {
  agent: "codex",
  days: 30,
  judged: 10,
  pass: 5,
  conductor: 2,
  block: 3,
  everBlocked: 4,
  signOffs: 2,
  overrides: 1,
  mergedAfterOverride: 1,
};

describe("/maestro explain <agent>", () => {
  it("replies with the agent's record over 30 days, with the shares trust compares", () => {
    expect(explainAgent("codex", RECORD, true)).toBe(
      [
        "### `codex`: record over the last 30 days",
        "",
        "| PRs judged | pass | conductor | block | blocked at least once | signed off | overridden | merged after an override |",
        "|---|---|---|---|---|---|---|---|",
        "| 10 | 5 | 2 | 3 | 4 (40 %) | 2 | 1 (10 %) | 1 |",
        "",
        "Each PR counts once, by its latest verdict; blocked, signed off and overridden count the PRs that ever were. A part's `trust` compares the blocked and overridden shares with its `max_block_rate` and `max_override_rate`. The podium issue lists its open PRs.",
      ].join("\n"),
    );
  });

  it("with the podium off, says there is no record and how to keep one", () => {
    expect(explainAgent("codex", undefined, false)).toContain(
      "Turn it on with `podium: true` in `.github/maestro.yml`",
    );
  });

  it("with no PR in the window, says so", () => {
    expect(explainAgent("codex", undefined, true)).toBe(
      "### `codex`: no record\n\nNo PR of `codex` was judged in the last 30 days.",
    );
  });

  it("an agent's name from a comment is shown as code: no mention, no HTML", () => {
    expect(explainAgent("@octocat <b>", undefined, true)).toContain("`@octocat <b>`");
  });

  it("finds the agent a topic names without regard to case (the parser lowercases it)", () => {
    expect(agentNamed("copilot", ["codex", "Copilot"])).toBe("Copilot");
    expect(agentNamed("boundary", ["codex"])).toBeUndefined();
  });

  it("the help and the unknown-topic reply say an agent may be asked about", () => {
    expect(HELP).toContain("| `/maestro explain <agent>` | anyone |");
    expect(renderExplain("nobody", undefined)).toMatch(
      /^There is no rule or signal `nobody`\. .*`\/maestro explain <agent>`/,
    );
  });
});
