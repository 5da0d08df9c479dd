import { execFile, spawn } from "node:child_process";

/** A git command that failed, with what git said: shown to the user as is. */
export class GitError extends Error {
  override readonly name = "GitError";
}

const MAX_OUTPUT = 1024 * 1024 * 1024;

/** Runs git in `cwd` and returns its stdout as bytes. Quoting is off so paths come back as they are. */
export function runGit(cwd: string, args: readonly string[]): Promise<Buffer> {
  return runGitWithEnv(cwd, args, {});
}

export function runGitWithEnv(
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      ["-c", "core.quotePath=false", ...args],
      { cwd, encoding: "buffer", maxBuffer: MAX_OUTPUT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(`git ${args[0]} failed: ${stderr.toString("utf8").trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** Feeds `input` to a long-running git command (such as `cat-file --batch`) and collects stdout. */
export function pipeGit(cwd: string, args: readonly string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => errors.push(c));
    child.on("error", (e) => reject(new GitError(`git ${args[0]} could not start: ${e.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new GitError(`git ${args[0]} failed: ${Buffer.concat(errors).toString("utf8").trim()}`));
    });
    child.stdin.on("error", () => undefined); // git may exit first; its exit code tells the story
    child.stdin.end(input);
  });
}
