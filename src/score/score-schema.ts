import { z } from "zod";
import { RULES } from "../checks/rules/index.js";
import { SEVERITIES } from "../checks/severity.js";
import { SIGNAL_IDS } from "../checks/signals/index.js";

/**
 * The score, `.github/maestro.yml` (SPEC §1). Every object is strict: an unknown key is an error,
 * because a misspelt rule that silently does nothing is worse than a failed check.
 * Cross-field checks (unknown module names, duplicates, globs) live in `validate-score.ts`, so this
 * schema stays plain data that `z.toJSONSchema` can publish for editors.
 */

/** Glob syntax (and emptiness) is checked in validate-score.ts, beside the other problems, not here. */
const glob = z.string();
const globs = z.array(glob);
const severity = z.enum(SEVERITIES).describe("error blocks, warn annotates, off ignores");
/**
 * GitHub Apps by slug or numeric id: an id survives a renamed login. Slugs' form and duplicates are checked in
 * validate-score.ts.
 */
const apps = z.array(z.union([z.string().min(1), z.number().int().min(1)]));

/**
 * Earned autonomy, opted into per part: while the agent's record on the podium (30 days) is over these limits,
 * its PRs need a conductor from `review_at` here, lower than the score's. Never stricter silently: the reason names
 * the record.
 */
export const trustSchema = z
  .strictObject({
    review_at: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe("The review_at this agent's PRs get while its record is over a limit below."),
    max_block_rate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("The most of its PRs, as a share of those judged, that may have been blocked."),
    max_override_rate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("The most of its PRs, as a share of those judged, whose block a conductor overrode."),
    min_prs: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe("PRs judged in the window before the record counts at all."),
  })
  .describe("Lowers this agent's review_at while its podium record is over a limit (needs `podium`).");

/**
 * One agent's part: how its PRs are recognised (as `agents:` recognises any agent's) and the modules they may
 * change. Overlaps and unknown modules are checked in validate-score.ts.
 */
export const partSchema = z
  .strictObject({
    name: z.string().min(1).describe("The part's name, shown in the `part` violation and the conductor reason."),
    logins: globs.default([]).describe("Globs on the PR author's login (`*` and `?` are wild; `[bot]` is literal)."),
    branches: globs.default([]).describe("Globs on the PR's head branch."),
    labels: z.array(z.string().min(1)).default([]).describe("Labels that mark a PR as this agent's."),
    apps: apps
      .optional()
      .describe(
        "GitHub Apps (slug or numeric id) whose PRs are this agent's: the author's bot account, or the app GitHub says opened it.",
      ),
    modules: z
      .array(z.string())
      .min(1, "a part needs at least one module")
      .describe(
        "The modules this agent's PRs may change; a file in any other module, or in none, is a `part` violation.",
      ),
    max_risk: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe("From this risk on, a conductor must sign off this agent's PRs even below `review_at`."),
    trust: trustSchema.optional(),
  })
  .describe("An agent and the modules it may change.");

export const agentsSchema = z
  .strictObject({
    logins: globs
      .default(["copilot-swe-agent[bot]", "devin-ai-integration[bot]", "*[bot]"])
      .describe("Globs on the PR author's login (`*` and `?` are wild; `[bot]` is literal)."),
    branches: globs.default(["copilot/**", "codex/**", "claude/**"]).describe("Globs on the PR's head branch."),
    labels: z.array(z.string().min(1)).default(["ai-generated"]).describe("Labels that mark a PR as agent-authored."),
    apps: apps
      .optional()
      .describe(
        "GitHub Apps (slug or numeric id) whose PRs are agent-authored: the author's bot account, or the app GitHub says opened it.",
      ),
    human_prs: z
      .enum(["advise", "enforce", "skip"])
      .default("advise")
      .describe("advise: neutral check that never blocks; enforce: judged like agents; skip: no check."),
    parts: z
      .array(partSchema)
      .default([])
      .describe("Each agent's part: a PR matching a part is an agent's, and may change only that part's modules."),
  })
  .describe(
    "Which PRs count as agent-authored: any match. Each list omitted takes the well-known agents shown as its default.",
  );

export const moduleSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "a module name uses letters, digits, '.', '_' and '-'")
      .describe("The module's name, used by may_use, may_not_use and in every message."),
    description: z.string().optional().describe("Why this boundary exists, shown when it is broken."),
    paths: globs
      .min(1, "a module needs at least one path glob")
      .describe("Files of this module; a file belongs to the first module that matches."),
    may_use: z.array(z.string()).optional().describe("Modules it may import; omitted means any module."),
    may_not_use: z.array(z.string()).default([]).describe("Modules it must not import."),
    public: globs.optional().describe("Other modules may import this one only through these files."),
    forbid_packages: z
      .array(z.string().min(1))
      .default([])
      .describe("Packages banned inside this module; `lodash` also bans `lodash/fp`, `fs` and `node:fs` are the same."),
  })
  .describe("A part of the architecture.");

type RuleSettingKey = (typeof RULES)[number]["setting"]["key"];

/** Each registered rule's severity key, with its default and its description, in the registry's order. */
const ruleSeverities = Object.fromEntries(
  RULES.map(({ setting }) => [setting.key, severity.default(setting.default).describe(setting.description)]),
) as Record<RuleSettingKey, z.ZodDefault<typeof severity>>;

export const rulesSchema = z
  .strictObject({
    ...ruleSeverities,
    type_imports: z.enum(["check", "ignore"]).default("check").describe("Whether `import type` edges are judged."),
  })
  .describe("Severity of each conformance rule.");

export const protectedSchema = z.strictObject({
  paths: globs.min(1, "a protected entry needs at least one path glob"),
  reason: z.string().min(1).default("protected path").describe("Shown to the conductor who must sign off."),
});

export const riskSettingsSchema = z
  .strictObject({
    review_at: z.number().int().min(0).max(100).default(40).describe("From this score on, a conductor must sign off."),
    block_at: z
      .number()
      .int()
      .min(0)
      .max(101)
      .default(80)
      .describe("From this score on, the PR is blocked (101 never blocks)."),
    weights: z
      .partialRecord(z.enum(SIGNAL_IDS), z.number().min(0).max(100))
      .default({})
      .describe("Per-signal point overrides; 0 turns a signal off."),
  })
  .describe("How risk turns into a verdict.");

export const conductorsSchema = z
  .strictObject({
    users: z.array(z.string().min(1)).default([]),
    teams: z.array(z.string().min(1)).default([]).describe("Team slugs, `team` or `org/team`."),
    min_permission: z.enum(["admin", "maintain", "write"]).default("maintain"),
  })
  .describe("Who may sign off and override.");

export const llmSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Read the diff with a model too (OPENAI_API_KEY, OPENAI_BASE_URL); it can only raise risk."),
    model: z.string().min(1).default("gpt-4.1-mini").describe("The model the second reader asks."),
    max_points: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(30)
      .describe("The most risk points the second reader's verified findings add together."),
    max_input_tokens: z
      .number()
      .int()
      .min(1000)
      .max(1_000_000)
      .default(24_000)
      .describe("The most tokens sent; whole files are left out, least important first, to fit."),
    max_calls_per_pr: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(10)
      .describe("Calls per PR per day (UTC); re-reviews of a commit already read cost none."),
    when: z
      .enum(["always", "risky"])
      .default("always")
      .describe("`risky` asks the model only when the rules' risk is at least half of `review_at`."),
    timeout_s: z
      .number()
      .positive()
      .max(600)
      .default(60)
      .describe("Seconds to wait for an answer, retries included, before judging by the rules alone."),
  })
  .describe("The optional second reader: a model reads the diff's meaning, and may only raise risk.");

export const contentionSettingsSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Compare each PR with the other open PRs on its base branch (the `contention` signal)."),
    max_rejudge: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(10)
      .describe("The most open PRs re-judged after one merge or push to their base branch; the rest get a note."),
  })
  .describe("Overlap between open PRs: the same files, the same modules, a public API moving under an importer.");

export const podiumSettingsSchema = z
  .union([
    z.boolean(),
    z.strictObject({
      enabled: z.boolean().default(true).describe("Keep the podium issue."),
      debounce_s: z
        .number()
        .int()
        .min(5)
        .max(3600)
        .default(30)
        .describe("The podium issue is written at most once per this many seconds per repository."),
    }),
  ])
  .default(false)
  .describe(
    '`true` (or settings) keeps one issue, "Maestro podium", listing every open agent PR and each agent\'s record.',
  );

export const scoreSchema = z
  .strictObject({
    version: z.literal(1).describe("The score format's version."),
    extends: z.string().min(1).optional().describe("A score to inherit, e.g. `owner/.github` or `.github`."),
    agents: agentsSchema.prefault({}),
    // What `ignore` means, said once: README.md and docs/score.md quote this text (test/docs checks it).
    ignore: globs
      .default([])
      .describe(
        "Files never judged as a source: tests, fixtures, generated code. An ignored file's own imports are not checked, and the risk signals that weigh code skip it; those about what a file is or where it lies still read it: `tests-weakened`, `secrets`, `protected`, `ci-infra`, `binary`, `dependencies`, `score-changed`, `agent-instructions` and `prompt-injection`. Importing one is still an edge: the file belongs to the module whose `paths` hold it, and an import of one in no module is an `unmapped` violation.",
      ),
    modules: z.array(moduleSchema).default([]),
    rules: rulesSchema.prefault({}),
    protected: z.array(protectedSchema).default([]),
    risk: riskSettingsSchema.prefault({}),
    conductors: conductorsSchema.prefault({}),
    llm: llmSchema.prefault({}),
    contention: contentionSettingsSchema.prefault({}),
    podium: podiumSettingsSchema,
  })
  .describe("Maestro's score: the repository's declared architecture and how agent PRs are judged.");

export type Score = z.output<typeof scoreSchema>;
export type ModuleSpec = z.output<typeof moduleSchema>;
export type PartSpec = z.output<typeof partSchema>;
export type TrustSpec = z.output<typeof trustSchema>;

/** `podium: true`, `false` or settings, as one shape. */
export function podiumSettings(score: Pick<Score, "podium">): { enabled: boolean; debounce_s: number } {
  const podium = score.podium;
  return typeof podium === "boolean" ? { enabled: podium, debounce_s: 30 } : podium;
}
export type RuleSettings = z.output<typeof rulesSchema>;
