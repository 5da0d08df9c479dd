import type { SignalId } from "./check-ids.js";
import type { RuleDoc } from "./rule-catalogue.js";

/** What each risk signal means: shown by `/maestro explain <id>`. */
export const SIGNALS: Record<SignalId, RuleDoc> = {
  size: { title: "Size", meaning: "Lines changed in judged files, in steps: a big change hides things from a reviewer.", fix: "Split the change into smaller PRs, or set `risk.weights.size`." },
  breadth: { title: "Breadth", meaning: "How many modules the change touches: a change across the architecture is harder to review.", fix: "Keep a PR inside one or two modules." },
  protected: { title: "Protected path", meaning: "The change touches a path under `protected:`; a conductor must always sign off.", fix: "Have a conductor review and `/maestro approve` it." },
  "score-changed": { title: "Score changed", meaning: "The change edits `.github/maestro.yml`; it is judged by the base's score, and a conductor must agree to the new rules.", fix: "Change the score in its own PR, reviewed by a conductor." },
  dependencies: { title: "Dependencies", meaning: "New or upgraded dependencies in a manifest, or a lockfile changed without its manifest.", fix: "Check each package (maintainer, licence, size); keep dependency bumps in their own PR." },
  untested: { title: "Untested", meaning: "Code changed and no test changed with it.", fix: "Add or update tests that cover the change." },
  "tests-weakened": { title: "Tests weakened", meaning: "Test files deleted, tests skipped or focused (`.skip`, `.only`, `xit`), or assertions removed.", fix: "Restore the tests, or explain in the PR why they had to go." },
  suppressions: { title: "Suppressions", meaning: "Added lines that switch a checker off: `@ts-ignore`, `@ts-expect-error`, `eslint-disable`, `as any`, `# type: ignore`, `nolint`.", fix: "Fix the underlying type or lint error instead of silencing it." },
  secrets: { title: "Secrets", meaning: "Added strings that look like credentials (cloud keys, tokens, private keys, random values assigned to secret-like names).", fix: "Remove the value, rotate it if it is real, and read it from the environment or a secret store." },
  "api-removed": { title: "Public API changed", meaning: "Exported names were removed, or their signatures changed, in a module's `public` files: other modules may break.", fix: "Keep the old export (deprecate it), or update every user in the same PR." },
  binary: { title: "Binary files", meaning: "Binary files were added or changed: they cannot be reviewed as text.", fix: "Say in the PR what they are and where they come from." },
  "ci-infra": { title: "CI and infrastructure", meaning: "CI workflows, Dockerfiles, compose files or infrastructure code changed.", fix: "Have someone who owns the pipeline review it." },
};
