import { redactSecrets } from "../../../src/analyse/reader/redact-secrets.js";
import { githubToken } from "../../helpers/github-token.js";
import { loadO200k } from "../../../src/analyse/reader/o200k.js";

// The tokenizer is loaded on a review's first reading; these tests call its users directly.
beforeAll(() => loadO200k());

// Every key is put together at run time, as in the secrets signal's tests: the sources hold none for a scanner.
const R = "mQ7vX2kL9pZ4tW8nB3cF6hJ1sD5gY0aErU";
const GH = githubToken(R.slice(0, 30));
const AWS_ID = "AK" + "IAQ3T7W2ZLRX5MB6KP";
const AWS_SECRET = "kT9vQ2mZx7LpR4wN" + "8cY3bH6jF1sD5gA0uE/qWzXo";
const OPENAI = "sk-" + "proj-" + R.slice(0, 24) + "T3BlbkFJ" + R.slice(4, 28);
const SLACK = "xox" + "b-7812365427-2364535789652-" + R.slice(0, 24);
const PEM_BODY = (R + R).slice(0, 64);
/** DER bodies hold runs of `A`, which looksRandom refuses: the block is redacted for being a key's body. */
const DER_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAAAAAAAAAAAAAAAAAAAAAAAA";
/** A PEM body's last line is short: too short for the generic pass, a key's all the same. */
const PEM_LAST = R.slice(0, 16) + "==";
const PRIVATE = `${"PRIVATE"} KEY`;

const redacted = (text: string) => {
  const { lines, redactions } = redactSecrets(text.split("\n"));
  return { text: lines.join("\n"), redactions };
};

describe("redacting secrets before a model reads them", () => {
  it.each([
    { name: "a GitHub token whose checksum holds", text: `const t = "${GH}";`, shown: 'const t = "[REDACTED]";' },
    {
      name: "a GitHub token's placeholder too: hiding it costs nothing",
      text: 'const t = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
      shown: 'const t = "[REDACTED]";',
    },
    {
      name: "an AWS key id and its secret key",
      text: `id = ${AWS_ID}\nkey = ${AWS_SECRET}`,
      shown: "id = [REDACTED]\nkey = [REDACTED]",
      redactions: 2,
    },
    { name: "an OpenAI key", text: `OPENAI = "${OPENAI}"`, shown: 'OPENAI = "[REDACTED]"' },
    { name: "a Slack token", text: `slack(${JSON.stringify(SLACK)})`, shown: 'slack("[REDACTED]")' },
    {
      name: "a random password assigned to a secret-like name",
      text: 'const password = "Zx8#kq2Lm9Pv7Rt4";',
      shown: 'const password = "[REDACTED]";',
    },
    {
      name: "a typed password, words and all, the secrets signal lets pass",
      text: 'db_password: "correcthorsebattery"',
      shown: 'db_password: "[REDACTED]"',
    },
    {
      name: "a private key's body under its header, header and footer kept",
      text: `-----BEGIN RSA ${PRIVATE}-----\n${PEM_BODY}\n${DER_BODY}\n${PEM_LAST}\n-----END RSA ${PRIVATE}-----\nconst after = 1;`,
      shown: `-----BEGIN RSA ${PRIVATE}-----\n[REDACTED]\n[REDACTED]\n[REDACTED]\n-----END RSA ${PRIVATE}-----\nconst after = 1;`,
      redactions: 3,
    },
    {
      name: "a private key in a JSON string, on one line",
      text: `"key": "-----BEGIN ${PRIVATE}-----\\n${DER_BODY}\\n-----END ${PRIVATE}-----\\n"`,
      shown: `"key": "-----BEGIN ${PRIVATE}-----\\n[REDACTED]\\n-----END ${PRIVATE}-----\\n"`,
    },
  ])("hides $name", ({ text, shown, redactions = 1 }) => {
    expect(redacted(text)).toEqual({ text: shown, redactions });
  });

  it("ends a key's body at the first line of code, and reads that line as code", () => {
    const text = `-----BEGIN ${PRIVATE}-----\n${DER_BODY}\nconst parsedCertificateChainForUser = parse(input);`;
    expect(redacted(text)).toEqual({
      text: `-----BEGIN ${PRIVATE}-----\n[REDACTED]\nconst parsedCertificateChainForUser = parse(input);`,
      redactions: 1,
    });
  });

  it.each([
    { name: "a reference to a secret kept elsewhere", text: 'const token = "${GITHUB_TOKEN}";' },
    { name: "plain code", text: "export function add(a: number, b: number): number {\n  return a + b;\n}" },
    {
      name: "the code after a parser's header constant",
      text: `const HEADER = "-----BEGIN RSA ${PRIVATE}-----";\nconst parsedCertificateChainForUser = parse(input);`,
    },
    {
      name: "the code after a key's header constant and a base64 line, when no footer comes",
      text: `const HEADER = "-----BEGIN ${PRIVATE}-----";\nconst parsedCertificateChainForUser = parse(input);`,
    },
  ])("keeps $name", ({ text }) => {
    expect(redacted(text)).toEqual({ text, redactions: 0 });
  });
});

describe("redactSecrets: passwords too plain to score are still never sent", () => {
  it.each([
    ["a short quoted password", `const password = "Tr0ub4dor&3";`, "Tr0ub4dor&3"],
    ["a passphrase with spaces", `dbPassword = "correct horse battery staple"`, "correct horse battery staple"],
    ["a shell export", "export DB_PASSWORD=hunter2hunter2", "hunter2hunter2"],
    ["a Dockerfile ENV", "ENV API_TOKEN=s3cr3tvalue", "s3cr3tvalue"],
  ])("%s", (_name, line, secret) => {
    const { lines } = redactSecrets([line]);
    expect(lines.join("\n")).not.toContain(secret);
    expect(lines.join("\n")).toContain("[REDACTED]");
  });
});
