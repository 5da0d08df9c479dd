import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { runAction } from "./run-action.js";
import { workflowCommand } from "./workflow-command.js";

// What the runner starts (action.yml's `runs.main`, bundled): the Action bound to the real process and files.
runAction({
  cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, "utf8"),
  appendFile: (path, text) => appendFile(path, text),
  writeFile: async (path, text) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stdout.write(workflowCommand("error", { title: "Maestro: internal error" }, message));
    process.exitCode = 2;
  },
);
