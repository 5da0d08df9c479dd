import type { Verdict } from "../../src/decide/verdict.js";
import { LAYERED_SCORE, layeredRepo, maestroWithEnv, type TestRepo } from "./git-repo.js";
import type { OpenAIServer } from "./openai-server.js";

/** An auth check that refuses a request without an Authorization header... */
export const AUTH_BEFORE = `export function authorize(header: string | undefined): boolean {\n  if (!header) return false;\n  return header.startsWith("Bearer ") && verify(header.slice(7));\n}\nconst verify = (token: string) => token.length > 20;\n`;
/** ...rewritten to let it through at line 2: what the rules cannot see and the second reader is there for. */
export const AUTH_AFTER = AUTH_BEFORE.replace("if (!header) return false;", "if (!header) return true;");

/** A finding the change holds: its file is changed, line 2 is added, and the quote is on it. */
export const AUTH_FINDING = {
  kind: "security",
  severity: "high",
  file: "src/infra/auth.ts",
  line: 2,
  explanation: "A missing header is now let through.",
  evidence: "if (!header) return true;",
} as const;

/**
 * The layered repository with its head rewriting src/infra/auth.ts as above; `score` goes at the end of the base's
 * score (an `llm:` or a `risk:` block). The rules alone pass it at risk 15 (ci-infra).
 */
export function authChange(score = ""): TestRepo {
  const repo = layeredRepo({ "src/infra/auth.ts": AUTH_BEFORE, ".github/maestro.yml": LAYERED_SCORE + score });
  repo.write({ "src/infra/auth.ts": AUTH_AFTER });
  repo.commit("head");
  return repo;
}

/** A key, and the test server as the OpenAI-compatible server: never a real network. */
export function readerEnv(server: OpenAIServer): Record<string, string> {
  return { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: server.baseURL };
}

/** `maestro check --format json` with `args`, parsed, and its exit code. */
export async function checkVerdict(
  repo: TestRepo,
  env: Record<string, string | undefined>,
  ...args: string[]
): Promise<{ code: number; verdict: Verdict }> {
  const run = await maestroWithEnv(repo.dir, env, "check", "--format", "json", ...args);
  if (run.code === 2) throw new Error(`maestro check exited 2: ${run.stderr}`);
  return { code: run.code, verdict: JSON.parse(run.stdout) as Verdict };
}

/** What the rules alone decide: the run a reader's failure must be indistinguishable from, reading aside. */
export function rulesPart({ code, verdict }: { code: number; verdict: Verdict }) {
  return { code, verdict: verdict.verdict, risk: verdict.risk, reasons: verdict.reasons };
}
