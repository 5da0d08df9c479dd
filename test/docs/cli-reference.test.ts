import { readFileSync } from "node:fs";
import { AGENTS_MD_USAGE } from "../../src/cli/agents-md-command.js";
import { CHECK_USAGE } from "../../src/cli/check-command.js";
import { EXIT } from "../../src/cli/cli-io.js";
import { GRAPH_USAGE } from "../../src/cli/graph-command.js";
import { INIT_USAGE } from "../../src/cli/init-command.js";
import { PROTECT_USAGE } from "../../src/cli/protect-command.js";
import { STATUS_USAGE } from "../../src/cli/status-command.js";
import { VALIDATE_USAGE } from "../../src/cli/validate-command.js";
import { parseCommands } from "../../src/commands/parse-commands.js";
import { HELP } from "../../src/commands/render-replies.js";
import { verdictSchema, type Verdict } from "../../src/decide/verdict.js";
import { FORMATS } from "../../src/report/render.js";
import { renderText } from "../../src/report/render-text.js";
import { placeSection, renderInstructions, scoreHash } from "../../src/feedforward/index.js";
import { parseScore } from "../../src/score/parse-score.js";
import { staleInstructionsBanner } from "../../src/app/review-banners.js";

/**
 * docs/cli.md and docs/commands.md against what the CLI and the app accept: every command's
 * synopsis as `maestro --help` prints it, every flag and format, every exit code, and every PR
 * comment command the app's help lists.
 */
const cli = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
const commands = readFileSync(new URL("../../docs/commands.md", import.meta.url), "utf8");

const USAGES = {
  check: CHECK_USAGE,
  validate: VALIDATE_USAGE,
  init: INIT_USAGE,
  protect: PROTECT_USAGE,
  status: STATUS_USAGE,
  graph: GRAPH_USAGE,
};

/** The synopsis: the usage's first lines, up to its indented description. */
function synopsis(usage: string): string {
  const lines = usage.split("\n");
  const description = lines.findIndex((line, i) => i > 0 && /^ {2}\S/.test(line));
  return lines.slice(0, description).join("\n");
}

describe("docs/cli.md against the CLI", () => {
  it.each(Object.entries(USAGES))(
    "shows `maestro %s` as its usage says, and documents each of its flags",
    (_name, usage) => {
      expect(cli).toContain(`\`\`\`text\n${synopsis(usage)}\n\`\`\``);
      for (const flag of new Set(usage.match(/--[a-z][a-z-]*/g))) expect(cli).toContain(`\`${flag}`);
    },
  );

  it("describes every output format", () => {
    for (const format of FORMATS) expect(cli).toContain(`**\`${format}\`**`);
  });

  it("the `json` format names every field of the verdict", () => {
    const fields = /`\{ (verdict, [^}]*) \}`/.exec(cli)?.[1]?.split(", ") ?? [];
    expect(fields.sort()).toEqual(Object.keys(verdictSchema.shape).sort());
  });

  it("the clean-up example is what `text` prints for a change that fixes 3 violations and keeps 1", () => {
    const example = /A clean-up reads as one[^`]*```text\n([\s\S]*?)```/.exec(cli)?.[1] ?? "";
    const verdict: Verdict = {
      verdict: "pass",
      violations: [
        {
          rule: "public-api",
          severity: "warn",
          file: "src/domain/legacy.ts",
          line: 1,
          column: 22,
          from: "domain",
          to: "billing",
          specifier: "../billing/ledger",
          message:
            '"../billing/ledger" reaches into billing (src/billing/ledger.ts), bypassing its public API: import it through src/billing/index.ts (already at base: not blocking)',
          introduced: false,
        },
      ],
      risk: { score: 0, level: "low", signals: [] },
      reasons: [
        "fixes 3 existing violations (2 boundary, 1 cycle)",
        "no blocking violation, risk 0 < review_at 40; 1 violation already at base, not blocking",
      ],
      notes: [],
      subject: { agent: true, reason: "test", policy: "enforce" },
      fixed: {
        count: 3,
        rules: [
          { rule: "boundary", count: 2 },
          { rule: "cycle", count: 1 },
        ],
      },
    };
    const context = {
      baseSha: "861a884",
      headSha: "5d2e0f1",
      scope: "change" as const,
      maestroVersion: "0.1.0",
      scoreSource: ".github/maestro.yml@861a884",
    };
    expect(example).toBe(renderText(verdict, context));
  });

  it("the exit codes table has every exit code", () => {
    for (const code of Object.values(EXIT)) expect(cli).toMatch(new RegExp(`^\\| \`${code}\` \\|`, "m"));
  });
});

describe("docs/commands.md against the app's commands", () => {
  it("the commands table has every command the app's help lists", () => {
    const listed = [...HELP.matchAll(/^\| `(\/maestro [^`]+)` \|/gm)].map((m) => m[1] ?? "");
    expect(listed.length).toBeGreaterThan(0);
    for (const command of listed)
      expect(commands).toMatch(new RegExp(`^\\| \`${command.replace(/[[\]]/g, "\\$&")}\` \\|`, "m"));
  });

  it("the aliases it documents are read as the commands it says", () => {
    expect(commands).toContain(
      "`/maestro rereview` and `/maestro review` are the same as `/maestro re-review`; `/maestro` alone is\n`help`",
    );
    expect(["/maestro rereview", "/maestro review", "/maestro"].map(parseCommands)).toEqual([
      [{ kind: "re-review" }],
      [{ kind: "re-review" }],
      [{ kind: "help" }],
    ]);
  });

  it("the example comment holds the command it shows, and not the quoted or fenced ones", () => {
    const example = /```markdown\n([\s\S]*?)\n```/.exec(commands)?.[1] ?? "";
    expect(parseCommands(example)).toEqual([{ kind: "approve", reason: "migration reviewed with the DBA" }]);
  });
});

describe("docs/agent-instructions.md against `maestro agents-md`", () => {
  const page = readFileSync(new URL("../../docs/agent-instructions.md", import.meta.url), "utf8");

  it("shows the command as its usage says, and documents each of its flags", () => {
    expect(page).toContain(`\`\`\`text\n${synopsis(AGENTS_MD_USAGE)}\n\`\`\``);
    for (const flag of new Set(AGENTS_MD_USAGE.match(/--[a-z][a-z-]*/g))) expect(page).toContain(`| \`${flag}`);
  });

  it("the example section is what the command writes for the example score (the hash aside: it follows the schema)", () => {
    const yaml = /For this score:\n\n```yaml\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
    const shown = /writes:\n\n````markdown\n([\s\S]*?)````/.exec(page)?.[1] ?? "";
    const parsed = parseScore(yaml);
    if (!parsed.ok) throw new Error(`the example score is invalid: ${JSON.stringify(parsed.problems)}`);
    const placed = placeSection(
      undefined,
      renderInstructions(parsed.score, "npx maestro agents-md"),
      scoreHash(parsed.score),
    );
    const anyHash = (text: string) => text.replace(/score=[0-9a-f]{12}/, "score=…");
    expect(anyHash(shown)).toBe(anyHash(placed.status === "created" ? placed.text : ""));
  });

  it("the drift note it quotes is the app's", () => {
    const quoted = /sticky comment\) starts with a note, the verdict unchanged:\n\n((?:> .*\n)+)/.exec(page)?.[1] ?? "";
    expect(quoted.replace(/\n> /g, " ").replace(/^> |\n$/g, "")).toBe(
      staleInstructionsBanner("AGENTS.md", "0123456789ab", "830ffda1839f", "npx maestro agents-md"),
    );
  });
});
