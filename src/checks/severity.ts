/** What a rule's setting in the score's `rules:` may say: `error` blocks, `warn` annotates, `off` ignores. */
export const SEVERITIES = ["error", "warn", "off"] as const;
export type Severity = (typeof SEVERITIES)[number];
