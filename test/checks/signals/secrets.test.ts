import { signalSeen, type SignalCase } from "./signal-seen.js";

const rotate = "rotate it if it is real, and read it from the environment";

describe("secrets: added strings that look like credentials, never printed", () => {
  it.each<SignalCase>([
    {
      name: "an AWS access key is full strength at once, named by kind",
      head: { "src/a.ts": 'const id = "AKIAABCDEFGHIJKLMNOP";\n' },
      seen: {
        points: 80,
        detail: `1 secret-like string added: src/a.ts:1 (AWS access key); ${rotate}`,
        file: "src/a.ts",
        line: 1,
        evidence: [{ file: "src/a.ts", line: 1, what: "AWS access key" }],
      },
    },
    {
      name: "a random value assigned to a secret-like name, and a private key block",
      base: { "config.yml": "name: app\n" },
      head: {
        "config.yml": 'name: app\npassword: "Zx8#kq2Lm9Pv7Rt4"\n',
        "key.pem": "-----BEGIN RSA PRIVATE KEY-----\n",
      },
      seen: {
        points: 80,
        detail: `2 secret-like strings added: config.yml:2 (high-entropy value assigned to a secret-like name), key.pem:1 (private key); ${rotate}`,
        file: "config.yml",
        line: 2,
        evidence: [
          { file: "config.yml", line: 2, what: "high-entropy value assigned to a secret-like name" },
          { file: "key.pem", line: 1, what: "private key" },
        ],
      },
    },
    {
      name: "placeholders are not secrets",
      head: { "a.env": 'API_KEY="${API_KEY_FROM_ENV}"\npassword = "changeme-changeme"\ntoken: "<your-token-here>"\n' },
      seen: undefined,
    },
    {
      name: "a low-entropy value is not a secret",
      head: { "a.ts": 'const password = "aaaaaaaaaaaaaaaa";\n' },
      seen: undefined,
    },
    {
      name: "a secret removed is not added",
      base: { "a.ts": 'const id = "AKIAABCDEFGHIJKLMNOP";\n' },
      head: { "a.ts": "const id = process.env.ID;\n" },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("secrets", { base, head, renames })).toEqual(seen);
  });
});
