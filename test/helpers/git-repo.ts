import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../../src/cli/run-cli.js";

/** A throwaway git repository a test builds commit by commit. */
export interface TestRepo {
  readonly dir: string;
  /** Writes files (a null content deletes; a `{ link }` makes a symlink). */
  write(files: Record<string, string | Buffer | null | { link: string }>): void;
  commit(message?: string): string;
  git(...args: string[]): string;
  remove(): void;
}

const made: TestRepo[] = [];

export function createRepo(): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), "maestro-test-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "Test");
  git("config", "commit.gpgsign", "false");
  const repo: TestRepo = {
    dir,
    git,
    write(files) {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path);
        if (content === null) {
          rmSync(full, { force: true });
          continue;
        }
        mkdirSync(dirname(full), { recursive: true });
        if (typeof content === "object" && !Buffer.isBuffer(content)) symlinkSync(content.link, full);
        else writeFileSync(full, content);
      }
    },
    commit(message = "change") {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  made.push(repo);
  return repo;
}

afterAll(() => {
  for (const repo of made.splice(0)) repo.remove();
});

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `maestro …` in-process, as a user would from `cwd`. */
export async function maestro(cwd: string, ...args: string[]): Promise<CliRun> {
  return maestroWithEnv(cwd, {}, ...args);
}

/** `maestro …` with an environment of the test's choosing (GITHUB_TOKEN, GITHUB_API_URL). */
export async function maestroWithEnv(
  cwd: string,
  env: Record<string, string | undefined>,
  ...args: string[]
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { cwd, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** `maestro check --format json`, parsed. */
export async function checkJson(cwd: string, ...args: string[]) {
  const run = await maestro(cwd, "check", "--format", "json", ...args);
  if (run.code === 2) throw new Error(`maestro check exited 2: ${run.stderr}`);
  return {
    code: run.code,
    verdict: JSON.parse(run.stdout) as import("../../src/decide/verdict.js").Verdict,
    stderr: run.stderr,
  };
}

/** The layered score most scenarios use: domain ← infra ← app. */
export const LAYERED_SCORE = `version: 1
ignore: ["test/**"]
modules:
  - name: domain
    paths: ["src/domain/**"]
    may_use: []
    public: ["src/domain/index.ts"]
    forbid_packages: ["pg", "node:fs", "lodash"]
  - name: infra
    paths: ["src/infra/**"]
    may_use: [domain]
  - name: app
    paths: ["src/app/**"]
    may_use: [domain, infra]
`;

/** A repository whose base commit holds the layered score and a clean tree; the test then commits its head. */
export function layeredRepo(extra: Record<string, string> = {}): TestRepo {
  const repo = createRepo();
  repo.write({
    ".github/maestro.yml": LAYERED_SCORE,
    "src/domain/index.ts": `export interface User { id: string }\nexport const makeUser = (id: string): User => ({ id });\n`,
    "src/domain/rules.ts": `export const MAX = 3;\n`,
    "src/infra/db.ts": `import { makeUser } from "../domain/index";\nexport const load = () => makeUser("1");\n`,
    "src/app/main.ts": `import { load } from "../infra/db";\nexport const run = () => load();\n`,
    ...extra,
  });
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "agent/change");
  return repo;
}
