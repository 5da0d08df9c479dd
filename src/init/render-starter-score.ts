import type { InferredScore } from "./infer-score.js";

const q = (s: string) => JSON.stringify(s);
const list = (items: readonly string[]) => `[${items.map(q).join(", ")}]`;

/** The starter `.github/maestro.yml`, with a comment on each section saying what to do with it. */
export function renderStarterScore(inferred: InferredScore): string {
  const cyclic = inferred.cycles.length > 0;
  const modules = inferred.modules.map((m) =>
    [
      `  - name: ${m.name}`,
      `    # description: why this boundary exists (shown when it is broken)`,
      `    paths: ${list(m.paths)}`,
      `    may_use: ${list(m.mayUse)}${m.mayUse.length ? "   # what it imports today: remove what it should not" : ""}`,
    ].join("\n"),
  );
  return `# Maestro's score: the architecture agent PRs are judged against.
# Written by \`maestro init\` from this repository's folders and today's imports, so today's code
# passes \`maestro check --all\`. Tighten it from here: drop may_use entries that should not exist,
# add public: entry points and forbid_packages:, then check again.
# Every key is described in Maestro's docs/score.md; editors validate this file against the
# JSON Schema the maestro package ships (schema/maestro.schema.json).
version: 1

# Which PRs count as agent-authored (any match). Human PRs get advice only (human_prs: advise).
agents:
  logins: ["copilot-swe-agent[bot]", "devin-ai-integration[bot]", "*[bot]"]
  branches: ["copilot/**", "codex/**", "claude/**"]
  labels: ["ai-generated"]
  human_prs: advise

# Files never judged: tests, fixtures, build output, tool configs.
ignore:
${inferred.ignore.map((g) => `  - ${q(g)}`).join("\n")}

# The parts of the architecture. A file belongs to the first module whose paths match.
# may_use lists the modules it may import (omit it to allow any).
modules:
${modules.join("\n") || "  []"}

rules:
${cyclic ? `  # Today's code has module cycles (${inferred.cycles.map((c) => c.join(" ↔ ")).join("; ")}): they warn until broken; then set error.\n  cycles: warn` : "  cycles: error"}
  unmapped: warn
  type_imports: check

# Paths whose change always needs a conductor's sign-off.
protected:
  - paths: ${list(inferred.protectedPaths)}
    reason: CI, infrastructure and schema changes need a human

# From review_at on a conductor must sign off; from block_at the PR is blocked.
risk:
  review_at: 40
  block_at: 80

# Who may sign off and override (default: maintainers and admins).
conductors:
  min_permission: maintain
`;
}
