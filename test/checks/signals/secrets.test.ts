import { githubToken } from "../../helpers/github-token.js";
import { signalSeen, type SignalCase, type SignalSeen } from "./signal-seen.js";

// Every key is put together at run time: this file holds no key for a scanner (Maestro's own, or GitHub's push
// protection) to find, and the "never printed" test below looks for each one whole.
const R = "mQ7vX2kL9pZ4tW8nB3cF6hJ1sD5gY0aErU";
const GH = githubToken(R.slice(0, 30));
const GH_WRONG_CHECKSUM = GH.slice(0, -1) + (GH.endsWith("A") ? "B" : "A");
const GH_FINE_GRAINED = ["github", "pat", R.slice(0, 22)].join("_") + "_" + (R + R).slice(3, 62);
const AWS_ID = "AK" + "IAQ3T7W2ZLRX5MB6KP";
const AWS_SECRET = "kT9vQ2mZx7LpR4wN" + "8cY3bH6jF1sD5gA0uE/qWzXo";
const OPENAI_PROJECT = "sk-" + "proj-" + R.slice(0, 24) + "T3BlbkFJ" + R.slice(4, 28);
const OPENAI_LEGACY = "sk-" + R.slice(0, 20) + "T3BlbkFJ" + R.slice(6, 26);
const OPENAI_NO_MARKER = "sk-" + R + R.slice(0, 14);
const SLACK_BOT = "xox" + "b-7812365427-2364535789652-" + R.slice(0, 24);
const SLACK_WEBHOOK = "https://hooks.slack.com/services/" + "T04MCQMEX/B04MAA1PK/" + R.slice(2, 26);
const STRIPE = "sk_" + "live_" + R.slice(0, 24);
const GOOGLE = "AI" + "za" + R + "_";
const PEM_BODY = (R + R).slice(0, 64);
const PRIVATE_KEY = `-----BEGIN RSA ${"PRIVATE KEY"}-----\n${PEM_BODY}\n${PEM_BODY.slice(8)}\n-----END RSA PRIVATE KEY-----\n`;
const PASSWORD = "Zx8#kq2Lm9Pv7Rt4";
/** Ten unchanged lines: what sits between two added lines need not be added. */
const CODE = Array.from({ length: 10 }, (_, i) => `export const x${i} = ${i};\n`).join("");

const rotate = "rotate it if it is real, and read it from the environment";
const ifCredential = "if it is a credential, rotate it and read it from the environment";

/** One verified key, at full points. */
const secret = (file: string, line: number, what: string): SignalSeen => ({
  points: 80,
  detail: `1 secret added: ${file}:${line} (${what}); ${rotate}`,
  file,
  line,
  evidence: [{ file, line, what }],
});
/** One merely suspicious string, at a quarter of the points. */
const suspicious = (file: string, line: number, what: string): SignalSeen => ({
  points: 20,
  detail: `1 suspicious string added: ${file}:${line} (suspicious: ${what}); ${ifCredential}`,
  file,
  line,
  evidence: [{ file, line, what: `suspicious: ${what}` }],
});

describe("secrets: credentials by their real formats, suspicious strings by their line, never printed", () => {
  it.each<SignalCase>([
    // Real key formats: verified ones block, shapes that fail their check only add points.
    {
      name: "a GitHub token whose checksum holds is a secret",
      head: { "src/a.ts": `const t = "${GH}";\n` },
      seen: secret("src/a.ts", 1, "GitHub token"),
    },
    {
      name: "a GitHub token whose checksum fails is merely suspicious",
      head: { "src/a.ts": `const t = "${GH_WRONG_CHECKSUM}";\n` },
      seen: suspicious("src/a.ts", 1, "GitHub token shape, its checksum fails"),
    },
    {
      name: "a fine-grained GitHub token in GitHub's layout is a secret",
      head: { "src/a.ts": `const t = "${GH_FINE_GRAINED}";\n` },
      seen: secret("src/a.ts", 1, "fine-grained GitHub token"),
    },
    {
      name: "an AWS key id with its secret key a few lines away is a secret",
      head: { "deploy/aws.ini": `[default]\nid = ${AWS_ID}\nregion = eu-west-1\nkey = ${AWS_SECRET}\n` },
      seen: secret("deploy/aws.ini", 2, "AWS access key"),
    },
    {
      name: "an AWS key id alone is merely suspicious",
      head: { "src/a.ts": `const id = "${AWS_ID}";\n` },
      seen: suspicious("src/a.ts", 1, "AWS access key shape, no secret key near it"),
    },
    {
      name: "an AWS key id with its secret further than 5 lines away is merely suspicious",
      head: { "src/a.ts": `const id = "${AWS_ID}";\n${"//\n".repeat(6)}const key = "${AWS_SECRET}";\n` },
      seen: suspicious("src/a.ts", 1, "AWS access key shape, no secret key near it"),
    },
    {
      name: "a commit hash or a lowercase id beside an AWS key id is no secret key",
      head: {
        "src/a.ts": `const id = "${AWS_ID}"; // from 4535c7beffc844b46bb1ed4aa04d759a4535c7be\nconst run = "q8w2e7r4t9y1u3i6o5p0a8s2d7f4g9h1j3k6l5z0";\n`,
      },
      seen: suspicious("src/a.ts", 1, "AWS access key shape, no secret key near it"),
    },
    {
      name: "OpenAI project and legacy keys carry OpenAI's marker and are secrets",
      head: { "src/a.py": `A = "${OPENAI_PROJECT}"\nB = "${OPENAI_LEGACY}"\n` },
      seen: {
        points: 80,
        detail: `2 secrets added: src/a.py:1 (OpenAI key), src/a.py:2 (OpenAI key); ${rotate}`,
        file: "src/a.py",
        line: 1,
        evidence: [
          { file: "src/a.py", line: 1, what: "OpenAI key" },
          { file: "src/a.py", line: 2, what: "OpenAI key" },
        ],
      },
    },
    {
      name: "an sk- string without OpenAI's marker is merely suspicious",
      head: { "src/a.py": `A = "${OPENAI_NO_MARKER}"\n` },
      seen: suspicious("src/a.py", 1, "OpenAI key shape, no OpenAI marker"),
    },
    {
      name: "a Slack bot token and a Slack webhook are secrets",
      head: { "src/a.ts": `const bot = "${SLACK_BOT}";\nconst hook = "${SLACK_WEBHOOK}";\n` },
      seen: {
        points: 80,
        detail: `2 secrets added: src/a.ts:1 (Slack token), src/a.ts:2 (Slack webhook); ${rotate}`,
        file: "src/a.ts",
        line: 1,
        evidence: [
          { file: "src/a.ts", line: 1, what: "Slack token" },
          { file: "src/a.ts", line: 2, what: "Slack webhook" },
        ],
      },
    },
    {
      name: "a Stripe live key is a secret",
      head: { "src/a.rb": `STRIPE = '${STRIPE}'\n` },
      seen: secret("src/a.rb", 1, "Stripe live key"),
    },
    {
      name: "a Google API key is a secret",
      head: { "web/firebase.ts": `export const config = { apiKey: "${GOOGLE}" };\n` },
      seen: secret("web/firebase.ts", 1, "Google API key"),
    },
    {
      name: "a private key block with its body is a secret",
      head: { "deploy/key.pem": PRIVATE_KEY },
      seen: secret("deploy/key.pem", 1, "private key"),
    },
    {
      name: "an OpenSSH private key, whose body opens on runs of zero bytes, is a secret",
      head: {
        "deploy/id_ed25519": `-----BEGIN OPENSSH ${"PRIVATE KEY"}-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n${PEM_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`,
      },
      seen: secret("deploy/id_ed25519", 1, "private key"),
    },
    {
      name: "an encrypted PEM key, with its fields between header and body, is a secret",
      head: {
        "deploy/key.pem": `-----BEGIN RSA ${"PRIVATE KEY"}-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,9F2A5C7E1B3D4F60\n\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\n`,
      },
      seen: secret("deploy/key.pem", 1, "private key"),
    },
    {
      name: "a private key in a one-line JSON credentials file is a secret",
      head: { "deploy/sa.json": `{"type":"service_account","private_key":${JSON.stringify(PRIVATE_KEY)}}\n` },
      seen: secret("deploy/sa.json", 1, "private key"),
    },
    {
      name: "a private key block whose body is a placeholder is merely suspicious",
      head: {
        "docs/tls.md": `    -----BEGIN ${"PRIVATE KEY"}-----\n    ${"A".repeat(64)}\n    -----END PRIVATE KEY-----\n`,
      },
      seen: suspicious("docs/tls.md", 1, "private key shape, no key after the header"),
    },
    {
      name: "a private key header inside a sentence is merely suspicious, whatever the next line holds",
      head: {
        "src/pem.ts": `const HINTS = [\n  "-----BEGIN ${"PRIVATE KEY"}----- is where a key starts",\n  "q8w2E7r4T9y1U3i6O5p0A8s2D7f4G9h1J3k6L5z0xYv",\n];\n`,
      },
      seen: suspicious("src/pem.ts", 2, "private key shape, no key after the header"),
    },
    {
      name: "a private key header alone (a parser's constant) is merely suspicious",
      head: {
        "src/pem.ts": `const HEADER = "-----BEGIN ${"PRIVATE KEY"}-----";\nexport const isKey = (s: string) => s.startsWith(HEADER);\n`,
      },
      seen: suspicious("src/pem.ts", 1, "private key shape, no key after the header"),
    },

    // Random values assigned to secret-like names: suspicious, never blocking.
    {
      name: "a random value assigned to a secret-like name is merely suspicious, and its name is said",
      base: { "config.yml": "name: app\n" },
      head: { "config.yml": `name: app\npassword: "${PASSWORD}"\n` },
      seen: suspicious("config.yml", 2, "random value assigned to password"),
    },
    {
      name: "an unquoted random value in a .env file is merely suspicious",
      head: { ".env": `DEBUG=1\nDB_PASSWORD=${PASSWORD}\n` },
      seen: suspicious(".env", 2, "random value assigned to DB_PASSWORD"),
    },
    {
      name: "a name that ends in another word (token_url, password_hash) holds no secret",
      head: { "src/a.ts": `const tokenUrl = "${PASSWORD}";\nconst password_hash = "${PASSWORD}";\n` },
      seen: undefined,
    },
    {
      name: "a value that repeats its name is a fixture",
      head: { "src/a.ts": `const x = { auth: "auth-2f9Xk7Lm4Qp8" };\n` },
      seen: undefined,
    },
    {
      name: "a value that says what it is is a fixture",
      head: { "src/a.ts": `const x = { apiKey: "Zx8mysecret2Lm9Pv" };\n` },
      seen: undefined,
    },
    {
      name: "a phrase without digits is not a secret",
      head: { "src/a.ts": `const x = { apiKey: "PurpleMonkeyDishwasher" };\n` },
      seen: undefined,
    },
    {
      name: "a low-entropy value is not a secret",
      head: { "src/a.ts": 'const password = "a1a1a1b2b2b2a1a1";\n' },
      seen: undefined,
    },
    {
      name: "references to a secret kept elsewhere (a template, a file) are not secrets",
      head: {
        "src/a.ts":
          'const a = { apiKey: "<ENTER_KEY_7Xk9Lm2Q>" };\nconst b = { credentials: "./config/gcp-7Xk9Lm2Q.json" };\n',
      },
      seen: undefined,
    },
    {
      name: "placeholders are not secrets",
      head: {
        ".env.example": "API_KEY=your-api-key-here\nGITHUB_TOKEN=${GITHUB_TOKEN}\nSECRET=xxxxxxxxxxxxxxxx\n",
        "src/a.ts":
          'const token = process.env.X;\nconst password = "process.env.DB_PASSWORD";\nconst a = "<your-token-here>";\n',
        "docs/setup.md":
          "    token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n    aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n    webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n    stripe: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n    key: sk-1234567890abcdef1234567890abcdef12345678\n",
        "web/spinner.html": '<div class="sk-fading-circle-spinner-container-wrapper"></div>\n',
      },
      seen: undefined,
    },

    // Where a line sits: tests count only verified keys, and a build's output is not read for suspicious strings.
    {
      name: "a verified key in a test file still blocks",
      head: { "test/client.test.ts": `const t = "${GH}";\n` },
      seen: secret("test/client.test.ts", 1, "GitHub token"),
    },
    {
      name: "merely suspicious strings in a test file are fixtures",
      head: { "test/client.test.ts": `const t = "${GH_WRONG_CHECKSUM}";\nconst db = { password: "${PASSWORD}" };\n` },
      seen: undefined,
    },
    {
      name: "regression: token: 'token-gh-msft-enterprise' in a spec file is a label, not a secret",
      head: {
        "src/platform/test/experimentation.spec.ts": `\tconst enterpriseToken = new CopilotToken({ token: 'token-gh-msft-enterprise', username: 'fake', sku: 'enterprise', organization_list: ['4535c7beffc844b46bb1ed4aa04d759a', 'a5db0bcaae94032fe715fb34a5e4bce2'] });\n`,
        // The same line outside a test: the value repeats its name and has no digit, so it is no secret anywhere.
        "src/platform/experimentation.ts": `\tconst enterpriseToken = new CopilotToken({ token: 'token-gh-msft-enterprise', username: 'fake' });\n`,
      },
      seen: undefined,
    },
    {
      name: "regression: secret: 'ThisIsATopSecretValue' in a test is a phrase, not a secret",
      head: {
        "app/common/__tests__/render.test.js": `      data: {\n        hash_input_expected: '123456789012345ThisIsATopSecretValue',\n        orderId: 123456789012345,\n        secret: 'ThisIsATopSecretValue'\n      }\n`,
        "app/common/render.js": `const defaults = { secret: 'ThisIsATopSecretValue' };\n`,
      },
      seen: undefined,
    },
    {
      name: "regression: a minified source map under dist/ is not read for suspicious strings",
      head: {
        "dist/index.js.map": `{"version":3,"file":"index.js","sources":["../src/client.ts"],"sourcesContent":["export const client = { apiKey: 'k9Xq2Lm7Pv4Rt8Wz', token: '${GH_WRONG_CHECKSUM}' };\\nconst PEM = '-----BEGIN ${"PRIVATE KEY"}-----';\\n"],"names":["client"],"mappings":"AAAAA,MAAMA,SAAS;AS${"IAQ3T7W2ZLRX5MB6KP"},CAAC,${"sk-"}${R}${R.slice(0, 14)}"}\n`,
      },
      seen: undefined,
    },
    {
      name: "a minified bundle, by its name, its folder or its line length, is not read for suspicious strings",
      head: {
        "public/app.min.js": `var c={apiKey:"k9Xq2Lm7Pv4Rt8Wz"};\n`,
        "build/static/main.js": `var c={apiKey:"k9Xq2Lm7Pv4Rt8Wz"};\n`,
        "src/vendor/bundle.js": `var a=${"1+".repeat(300)}1;var c={apiKey:"k9Xq2Lm7Pv4Rt8Wz"};\n`,
      },
      seen: undefined,
    },
    {
      name: "a verified key inside a one-line bundle still blocks",
      head: { "src/vendor/bundle.js": `var a=${"1+".repeat(300)}1;var t="${GH}";\n` },
      seen: secret("src/vendor/bundle.js", 1, "GitHub token"),
    },
    {
      name: "a source file under a dist/ folder is read as a source",
      head: { "dist/.env": `DB_PASSWORD=${PASSWORD}\n` },
      seen: suspicious("dist/.env", 1, "random value assigned to DB_PASSWORD"),
    },

    // What the row says.
    {
      name: "verified keys come first, with the suspicious strings after them, at full points",
      head: { "a.py": `password = "${PASSWORD}"\n`, "b.py": `T = "${GH}"\n` },
      seen: {
        points: 80,
        detail: `1 secret and 1 suspicious string added: b.py:1 (GitHub token), a.py:1 (suspicious: random value assigned to password); ${rotate}`,
        file: "b.py",
        line: 1,
        evidence: [
          { file: "b.py", line: 1, what: "GitHub token" },
          { file: "a.py", line: 1, what: "suspicious: random value assigned to password" },
        ],
      },
    },
    {
      name: "a secret removed is not added",
      base: { "a.ts": `const t = "${GH}";\n` },
      head: { "a.ts": "const t = process.env.T;\n" },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("secrets", { base, head, renames })).toEqual(seen);
  });

  it("never prints a value: not in the detail, not in the evidence", async () => {
    const values = [GH, GH_WRONG_CHECKSUM, GH_FINE_GRAINED, AWS_ID, AWS_SECRET, OPENAI_PROJECT, OPENAI_LEGACY];
    values.push(OPENAI_NO_MARKER, SLACK_BOT, SLACK_WEBHOOK, STRIPE, GOOGLE, PEM_BODY.slice(0, 40), PASSWORD);
    const head = { "src/keys.ts": values.map((v, i) => `export const p${i}_password = "${v}";\n`).join("") };
    const seen = await signalSeen("secrets", { base: {}, head });
    expect(seen?.evidence).toHaveLength(values.length);
    const shown = JSON.stringify(seen);
    for (const value of values) expect(shown).not.toContain(value);
  });

  it("the lines between an AWS key id and its secret count, added or not", async () => {
    const head = { "src/a.ts": `const id = "${AWS_ID}";\n${CODE}const key = "${AWS_SECRET}";\n` };
    const seen = await signalSeen("secrets", { base: { "src/a.ts": CODE }, head, patches: "minimal" });
    expect(seen).toEqual(suspicious("src/a.ts", 1, "AWS access key shape, no secret key near it"));
  });

  it("a suspicious string's quarter follows the signal's weight", async () => {
    const seen = await signalSeen(
      "secrets",
      { base: {}, head: { "src/a.ts": `const id = "${AWS_ID}";\n` } },
      "version: 1\nrisk:\n  weights: { secrets: 100 }\n",
    );
    expect(seen?.points).toBe(25);
  });
});
