import { places, plural } from "../evidence-text.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Well-known token shapes. The evidence names the kind and place, never the value. */
const TOKENS: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: "AWS access key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: "GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: "OpenAI key", pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,}\b/ },
  { kind: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { kind: "Slack webhook", pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
  { kind: "Stripe key", pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}\b/ },
  { kind: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: "private key", pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/ },
];

/** `password = "…"`-style assignments whose value looks random rather than like a placeholder. */
const ASSIGNMENT =
  /\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|auth)[\w.-]*["']?\s*[:=]\s*["'`]([^"'`\s]{12,})["'`]/i;
const PLACEHOLDER =
  /^(?:\$\{|\{\{|<|%|process\.env|os\.environ|env\.)|(?:example|changeme|dummy|placeholder|your[_-]|xxxx|test|fake|sample|redacted)/i;

/** Bits of entropy per character: random tokens score high, words and repeated characters low. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/** Added lines that look like credentials. */
export const secrets = defineSignal({
  id: "secrets",
  points: 80,
  explanation: {
    title: "Secrets",
    meaning:
      "Added strings that look like credentials (cloud keys, tokens, private keys, random values assigned to secret-like names).",
    fix: "Remove the value, rotate it if it is real, and read it from the environment or a secret store.",
  },
  evaluate({ files, lines }) {
    const evidence: Evidence[] = [];
    for (const file of files) {
      if (file.status === "removed" || file.binary) continue;
      for (const { line, text } of lines(file).added) {
        const token = TOKENS.find((t) => t.pattern.test(text));
        if (token) {
          evidence.push({ file: file.path, line, what: token.kind });
          continue;
        }
        const value = ASSIGNMENT.exec(text)?.[1];
        if (value && !PLACEHOLDER.test(value) && entropy(value) >= 3.5)
          evidence.push({ file: file.path, line, what: "high-entropy value assigned to a secret-like name" });
      }
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: 1,
      detail: `${plural(evidence.length, "secret-like string")} added: ${places(evidence)}; rotate it if it is real, and read it from the environment`,
      evidence,
    };
  },
});
