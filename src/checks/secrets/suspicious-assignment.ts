import { looksRandom } from "./looks-random.js";

/**
 * `name: "value"`, `name = 'value'`, `"name": "value"`, `name := "value"`: a quoted value of 12+ characters, no spaces.
 * The name's length is bounded, so that a long line of word characters costs linear time.
 */
const QUOTED = /([A-Za-z_$][\w$.-]{0,63})["']?\s*(?::=|[:=])\s*(["'`])([^"'`\s]{12,})\2/dg;
/** `NAME=value` and `name: value` on a line of their own, in files where values go unquoted. */
const UNQUOTED = /^\s*(?:-\s*)?(?:export\s+)?([A-Za-z_][\w.-]*)\s*[:=]\s*([^\s"'`]{12,})(?:\s+#.*)?\s*$/d;
const CONFIG_FILE = /(?:^|\/)\.env(?:\.[\w.-]+)?$|\.(?:env|properties|ini|cfg|conf|ya?ml|toml)$/;

/** The last word of a name that holds a secret: `db_password`, `GITHUB_TOKEN`, `jwt_secret` (not `token_url`). */
const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "credential",
  "credentials",
  "auth",
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "clientsecret",
]);
/** What a line assigning to any of those names holds: most lines have none, and are passed over with one test. */
const SECRET_NAME_HINT = /pass|pwd|secret|token|credential|auth|key/i;
/** Or its last two words: `apiKey`, `SIGNING_KEY`, `x-api-key`. */
const SECRET_PAIRS = new Set([
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "signingkey",
  "encryptionkey",
  "masterkey",
]);

/** A value that refers to a secret kept elsewhere: `${TOKEN}`, `$TOKEN`, `{{ token }}`, `<token>`, `process.env.X`. */
const REFERENCE = /^(?:\$|\{\{|<|%|\[|process\.env|os\.environ|env\.|ENV\[)/i;
/** A fixture spells out what it stands for; a generated secret does not. */
const SAYS_WHAT_IT_IS = /secret|passw|token|api[_-]?key|private/i;

/**
 * The name a random-looking literal is assigned to, when the name is secret-like: a credential written into the code,
 * perhaps. Values that are words (`ThisIsATopSecretValue`), references (`${TOKEN}`), paths, URLs, or that repeat the
 * name (`token: 'token-gh-msft-enterprise'`) are fixtures and placeholders, not secrets.
 */
export function suspiciousAssignment(text: string, path: string): string | undefined {
  if (!SECRET_NAME_HINT.test(text)) return undefined;
  for (const [, name = "", , value = ""] of text.matchAll(QUOTED)) if (suspicious(name, value)) return name;
  if (CONFIG_FILE.test(path)) {
    const [, name = "", value = ""] = UNQUOTED.exec(text) ?? [];
    if (suspicious(name, value)) return name;
  }
  return undefined;
}

/**
 * Where the literals assigned to secret-like names sit on a line, random-looking or not, references aside: what the
 * second reader redacts before a model sees the line, since a typed password is still a password.
 */
export function secretValueSpans(text: string): { start: number; end: number }[] {
  if (!SECRET_NAME_HINT.test(text)) return [];
  const found = [...text.matchAll(ANY_QUOTED)].filter(([, name = "", , value = ""]) => holdsSecret(name, value));
  const spans = found.map((m) => spanOf(m, 3));
  // Unquoted values anywhere: a shell script's `export DB_PASSWORD=…`, a Dockerfile's ENV, a PR body's `.env` excerpt.
  const unquoted = ANY_UNQUOTED.exec(text);
  if (unquoted && holdsSecret(unquoted[1] ?? "", unquoted[2] ?? "")) spans.push(spanOf(unquoted, 2));
  return spans;
}

/**
 * What redaction takes for a value, wider than what the signal weighs: short passwords (`Tr0ub4dor&3`) and
 * passphrases with spaces are still passwords, though not random enough to score. Never sent is cheaper than wrong.
 */
const ANY_QUOTED = /([A-Za-z_$][\w$.-]{0,63})["']?\s*(?::=|[:=])\s*(["'`])([^"'`\n]{4,256})\2/dg;
const ANY_UNQUOTED =
  /^\s*(?:-\s*)?(?:export\s+|ENV\s+|ARG\s+)?([A-Za-z_][\w.-]*)\s*[:=]\s*([^\s"'`]{4,})(?:\s+#.*)?\s*$/d;

function spanOf(match: RegExpMatchArray, group: number): { start: number; end: number } {
  const [start = 0, end = 0] = match.indices?.[group] ?? [];
  return { start, end };
}

/** A secret-like name given a literal, not a reference to a secret kept elsewhere, a path or a URL. */
function holdsSecret(name: string, value: string): boolean {
  const words = nameWords(name);
  if (!SECRET_WORDS.has(words.at(-1) ?? "") && !SECRET_PAIRS.has(words.slice(-2).join(""))) return false;
  return !REFERENCE.test(value) && !/:\/\/|^[./~]/.test(value);
}

function suspicious(name: string, value: string): boolean {
  if (!holdsSecret(name, value)) return false;
  const words = nameWords(name);
  // Random keys mix letters and digits; phrases and words have no digits, numbers no letters.
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  const lower = value.toLowerCase();
  if (SAYS_WHAT_IT_IS.test(value) || words.some((w) => w.length >= 4 && lower.includes(w))) return false;
  return looksRandom(value, 3.5);
}

/** `config.dbPassword` → ["db", "password"]; `API_KEY` → ["api", "key"]; `APIKey` → ["api", "key"]. */
function nameWords(name: string): string[] {
  return name
    .slice(name.lastIndexOf(".") + 1)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
