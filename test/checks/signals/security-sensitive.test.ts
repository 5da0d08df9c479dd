import { assessRisk } from "../../../src/analyse/risk/assess-risk.js";
import { createMemoryChange } from "../../../src/gather/memory-change.js";
import { parseScore } from "../../../src/score/parse-score.js";
import { lines, signalSeen, type SignalCase } from "./signal-seen.js";

const score = 'version: 1\nignore: ["**/*.spec.ts", "vendor/**"]\n';

/** Auth-header handling as an agent rewrote it: the header built from a token, before and after. */
const headerBefore = [
  "export function withAuth(request: Request, token: string): Request {",
  "  request.headers.set('Authorization', `Bearer ${token}`);",
  "  return request;",
  "}",
  "",
].join("\n");
const headerAfter = [
  "export function withAuth(request: Request, token?: string): Request {",
  "  if (token) request.headers.set('Authorization', token);",
  "  return request;",
  "}",
  "",
].join("\n");
const spec = (n: number) =>
  lines(n, (i) => `it("keeps header ${i}", () => { expect(withAuth(req, "t${i}")).toBeDefined(); });`);

describe("security-sensitive: code handling authentication, credentials, cryptography, permissions, cookies, security headers", () => {
  it.each<SignalCase>([
    {
      name: "auth-header handling rewritten is half, at the first line that handles it",
      base: { "src/http/auth-header.ts": headerBefore },
      head: { "src/http/auth-header.ts": headerAfter },
      seen: {
        points: 18,
        detail: "1 file with security-sensitive code changed: src/http/auth-header.ts:2 (authentication)",
        file: "src/http/auth-header.ts",
        line: 2,
        evidence: [{ file: "src/http/auth-header.ts", line: 2, what: "authentication" }],
      },
    },
    {
      name: "two files are full strength; a removed line counts where the removal sits in the head",
      base: {
        "src/users/roles.ts": "export const x = 1;\nif (!user.permissions.includes('admin')) throw new Forbidden();\n",
      },
      head: {
        "src/users/roles.ts": "export const x = 1;\n",
        "src/store/secure.py": "key = hashlib.pbkdf2_hmac('sha256', password, salt, 100000)\n",
      },
      seen: {
        points: 36,
        detail:
          "2 files with security-sensitive code changed: src/store/secure.py:1 (credentials), src/users/roles.ts:1 (permissions)",
        file: "src/store/secure.py",
        line: 1,
        evidence: [
          { file: "src/store/secure.py", line: 1, what: "credentials" },
          { file: "src/users/roles.ts", line: 1, what: "permissions" },
        ],
      },
    },
    {
      name: "everyday names are not security: CancellationToken, DebugSession, sessionId, ARIA roles, a tokenizer",
      head: {
        "src/a.ts": [
          "run(token: CancellationToken): void {}",
          "const session: DebugSession = this.sessions.get(sessionId);",
          "node.setAttribute('role', 'button');",
          "const tokens = tokenizer.tokenize(line);",
          "const header = this.createHeader();",
          "",
        ].join("\n"),
      },
      seen: undefined,
    },
    {
      name: "comments and imports change nothing by themselves",
      head: { "src/a.ts": "import { AuthService } from './auth';\n// check the password here\n/* oauth */\n" },
      seen: undefined,
    },
    {
      name: "tests, ignored files and prose are not judged here",
      head: {
        "src/auth.spec.ts": "const password = 'x';\n",
        "test/auth.test.ts": "const password = 'x';\n",
        "vendor/jwt.js": "const jwt = sign(password);\n",
        "docs/auth.md": "Set the password.\n",
      },
      seen: undefined,
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("security-sensitive", { base, head, renames }, score)).toEqual(seen);
  });

  it("regression: a security-relevant agent change passed at 18: it rewrote auth-header handling and deleted 5 tests", async () => {
    const parsed = parseScore(score);
    if (!parsed.ok) throw new Error("the test's score is invalid");
    const { risk } = await assessRisk({
      score: parsed.score,
      change: createMemoryChange({
        base: { "src/http/auth-header.ts": headerBefore, "src/http/auth-header.spec.ts": spec(6) },
        head: { "src/http/auth-header.ts": headerAfter, "src/http/auth-header.spec.ts": spec(1) },
      }),
      scorePath: ".github/maestro.yml",
    });
    expect(risk.signals.map((s) => [s.id, s.points])).toEqual([
      ["tests-weakened", 22],
      ["security-sensitive", 18],
    ]);
    expect(risk).toMatchObject({ score: 40, level: "medium" });
  });
});
