import { places, plural } from "../evidence-text.js";
import { isTest } from "../file-kinds.js";
import type { PatchLine } from "../risk-facts.js";
import { isGeneratedFile } from "../secrets/generated-file.js";
import { keyFormat, type NearbyLines, type SecretFinding } from "../secrets/key-format.js";
import { suspiciousAssignment } from "../secrets/suspicious-assignment.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/**
 * A merely suspicious string's share of the full points: 20 of 80, enough to be seen, never enough to block alone. A
 * verified key is full strength, and blocks at the default `block_at`.
 */
const SUSPICIOUS_STRENGTH = 0.25;
/** How many lines away an AWS key's secret, or a private key's body, may sit. */
const NEARBY = 5;

/** Added lines that hold credentials: verified key formats block, merely suspicious strings add points. */
export const secrets = defineSignal({
  id: "secrets",
  points: 80,
  explanation: {
    title: "Secrets",
    meaning:
      "Added credentials in a real key format (a GitHub token whose checksum holds, an AWS key with its secret key, OpenAI, Anthropic, Slack, Stripe and Google keys, private keys with their body) are full strength; strings that merely look like one (a failed checksum, a key id alone, a random value assigned to a name like `password`) add a quarter and name the line, never the value. Test files, source maps and minified bundles count only the real formats.",
    fix: "Remove the value, rotate it if it is real, and read it from the environment or a secret store.",
  },
  evaluate({ files, lines }) {
    const verified: Evidence[] = [];
    const suspicious: Evidence[] = [];
    for (const file of files) {
      if (file.status === "removed" || file.binary) continue;
      const added = lines(file).added;
      // Fixtures in tests, and a build's output, are full of key-like strings that are not keys.
      const onlyVerified = isTest(file.path) || isGeneratedFile(file.path, added);
      added.forEach(({ line, text }, i) => {
        const found = findSecret(text, () => nearby(added, i, line), file.path, onlyVerified);
        if (found) (found.verified ? verified : suspicious).push({ file: file.path, line, what: found.what });
      });
    }
    const evidence = [...verified, ...suspicious];
    if (evidence.length === 0) return undefined;
    if (verified.length === 0)
      return {
        strength: SUSPICIOUS_STRENGTH,
        detail: `${plural(suspicious.length, "suspicious string")} added: ${places(evidence)}; if it is a credential, rotate it and read it from the environment`,
        evidence,
      };
    const also = suspicious.length > 0 ? ` and ${plural(suspicious.length, "suspicious string")}` : "";
    return {
      strength: 1,
      detail: `${plural(verified.length, "secret")}${also} added: ${places(evidence)}; rotate it if it is real, and read it from the environment`,
      evidence,
    };
  },
});

/**
 * A key format first (verified or not), then a random value assigned to a secret-like name; in tests and build output,
 * only a verified key.
 */
function findSecret(
  text: string,
  near: () => NearbyLines,
  path: string,
  onlyVerified: boolean,
): SecretFinding | undefined {
  const key = keyFormat(text, near);
  if (key?.verified || (key && !onlyVerified)) return key;
  if (onlyVerified) return undefined;
  const name = suspiciousAssignment(text, path);
  return name === undefined ? undefined : { verified: false, what: `suspicious: random value assigned to ${name}` };
}

/** The added lines within NEARBY lines of the i-th (at `line`), before it and after it. */
function nearby(added: readonly PatchLine[], i: number, line: number): NearbyLines {
  const within = (from: number, to: number) =>
    added
      .slice(Math.max(0, from), to)
      .filter((l) => Math.abs(l.line - line) <= NEARBY)
      .map((l) => l.text);
  return { before: within(i - NEARBY, i), after: within(i + 1, i + 1 + NEARBY) };
}
