import { GitError } from "../gather/git/run-git.js";
import { AGENTS_MD_USAGE, agentsMdCommand } from "./agents-md-command.js";
import { maestroVersion } from "../version.js";
import { CHECK_USAGE, checkCommand } from "./check-command.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";
import { GRAPH_USAGE, graphCommand } from "./graph-command.js";
import { INIT_USAGE, initCommand } from "./init-command.js";
import { PROTECT_USAGE, protectCommand } from "./protect-command.js";
import { STATUS_USAGE, statusCommand } from "./status-command.js";
import { VALIDATE_USAGE, validateCommand } from "./validate-command.js";

const USAGE = `maestro — the conductor for AI-agent pull requests

${CHECK_USAGE}

${VALIDATE_USAGE}

${INIT_USAGE}

${PROTECT_USAGE}

${STATUS_USAGE}

${AGENTS_MD_USAGE}

${GRAPH_USAGE}
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  check: checkCommand,
  validate: validateCommand,
  init: initCommand,
  protect: protectCommand,
  status: statusCommand,
  "agents-md": agentsMdCommand,
  graph: graphCommand,
};

/** The CLI as a function of its arguments: the exit code is returned, output goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.pass;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${maestroVersion()}\n`);
    return EXIT.pass;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`maestro: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError || isParseArgsError(error)) {
      io.stderr(`maestro ${name}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  // Checked by code, not class: node's errors may come from another realm (as under Jest).
  return (
    typeof error === "object" && error !== null && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")
  );
}
