import { countStrength } from "../count-strength.js";
import { places, plural } from "../evidence-text.js";
import { isCode, isTest } from "../file-kinds.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/**
 * What security-sensitive code says, by kind. Narrow on purpose: `CancellationToken`, `DebugSession` or an ARIA `role`
 * are everyday code, so tokens and sessions count only as credentials (`accessToken`, `sessionSecret`), headers only by
 * the names that carry credentials or policy.
 */
const KINDS: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: "authentication", pattern: /auth(?:entic|ori[sz])|\bauth\b|oauth|\bjwt\b|\bbearer\b|\bsaml\b|\bopenid\b/i },
  {
    kind: "credentials",
    pattern: /passw(?:or)?d|passphrase|credential|(?:access|refresh|api|auth|csrf|xsrf|session)[-_]?(?:token|key)\b/i,
  },
  {
    kind: "cryptography",
    pattern:
      /\bcrypto\b|create(?:Hash|Hmac|Cipheriv|Decipheriv|Sign|Verify)\b|\bhmac\b|encrypt|decrypt|bcrypt|scrypt|pbkdf2/i,
  },
  { kind: "permissions", pattern: /permission|privilege|\bacl\b|\brbac\b|\bisAdmin\b/i },
  { kind: "cookies and sessions", pattern: /cookie|session[-_]?secret\b|express-session/i },
  {
    kind: "security headers",
    pattern:
      /www-authenticate|content-security-policy|access-control-allow-|strict-transport-security|x-frame-options|x-api-key/i,
  },
];
/** A whole-line comment or an import: a word in prose, or a name brought in, changes nothing by itself. */
const NOT_LOGIC = /^\s*(?:\/\/|\/?\*|#(?!\[)|--|import\b|from\s|\}\s*from\s)/;

/** Code that handles authentication, credentials, cryptography, permissions, cookies or security headers changed. */
export const securitySensitive = defineSignal({
  id: "security-sensitive",
  // Policy, not fitted (on theia's history the fit found it redundant with size): a file of auth or
  // crypto code (18) with five of its tests deleted (22) reaches review_at, where the agent change that
  // rewrote auth-header handling and deleted 5 tests passed at 18.
  points: 36,
  explanation: {
    title: "Security-sensitive code",
    meaning:
      "Lines added or removed in judged source files (not tests, not ignored) handle authentication, credentials, cryptography, permissions, cookies and sessions, or security headers: a mistake there is a vulnerability.",
    fix: "Have someone who knows the security model review it, and keep or add tests that pin the behaviour.",
  },
  evaluate({ files, lines, modules }) {
    const evidence: Evidence[] = [];
    for (const file of files) {
      if (file.binary || !isCode(file.path) || isTest(file.path) || modules.isIgnored(file.path)) continue;
      const { added, removed } = lines(file);
      const changed = [
        ...added.map((a) => ({ line: a.line, text: a.text })),
        ...removed.map((r) => ({ line: r.headLine, text: r.text })),
      ];
      for (const { line, text } of changed) {
        if (NOT_LOGIC.test(text)) continue;
        const found = KINDS.find((k) => k.pattern.test(text));
        if (!found) continue;
        evidence.push(
          line === undefined ? { file: file.path, what: found.kind } : { file: file.path, line, what: found.kind },
        );
        break; // one place per file: the signal weighs files, a reviewer reads each from there
      }
    }
    if (evidence.length === 0) return undefined;
    return {
      strength: countStrength(evidence.length, 0.5),
      detail: `${plural(evidence.length, "file")} with security-sensitive code changed: ${places(evidence)}`,
      evidence,
    };
  },
});
