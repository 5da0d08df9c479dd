import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  AGENTS_MD,
  COPILOT_INSTRUCTIONS,
  findSection,
  placeSection,
  refreshCommand,
  renderInstructions,
  scoreHash,
  type Placement,
} from "../feedforward/index.js";
import { parseScore, SCORE_PATH } from "../score/parse-score.js";
import { formatScoreProblem } from "../score/score-problem.js";
import { EXIT, UsageError, type CliIo } from "./cli-io.js";

export const AGENTS_MD_USAGE = `maestro agents-md [--repo DIR] [--score FILE] [--file FILE]... [--copilot] [--check]
  Writes the score as instructions for coding agents (modules, what each may import, public entry
  points, banned packages, protected paths, each agent's part, how to read Maestro's verdict) in a
  marked section of ${AGENTS_MD}, or of each --file; --copilot is --file ${COPILOT_INSTRUCTIONS}.
  Text outside the markers is never changed. With --check nothing is written: exit 1 when a section
  is missing or stale.`;

/**
 * Feedforward from the score: each file's section is placed (created, appended, updated or left as it is) and only
 * then written, so a broken marker pair in one file leaves every file as it was.
 */
export async function agentsMdCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      repo: { type: "string" },
      score: { type: "string" },
      file: { type: "string", multiple: true },
      copilot: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
    },
  });
  const repoDir = resolve(io.cwd, values.repo ?? ".");
  const files = [...new Set([...(values.file ?? []), ...(values.copilot ? [COPILOT_INSTRUCTIONS] : [])])];
  if (files.length === 0) files.push(AGENTS_MD);

  // The score as it is in the work tree: the section describes the rules being written, committed or not.
  const scorePath = values.score === undefined ? resolve(repoDir, SCORE_PATH) : resolve(io.cwd, values.score);
  const scoreShown = values.score ?? SCORE_PATH;
  const scoreText = await readText(scorePath);
  if (scoreText === undefined)
    throw new UsageError(`cannot read ${scoreShown}: run \`maestro init\` to write a score, or pass --score FILE`);
  const parsed = parseScore(scoreText, scoreShown);
  for (const problem of parsed.problems) io.stderr(`${formatScoreProblem(problem)}\n`);
  if (!parsed.ok) {
    io.stderr(`${scoreShown}: invalid score: no section written\n`);
    return EXIT.usage;
  }
  const score = parsed.score;
  if (score.extends !== undefined)
    io.stderr(
      `${scoreShown} extends ${score.extends}, which the CLI does not follow: the section holds this file's rules only, and the app does not compare it with its score\n`,
    );
  const hash = scoreHash(score);

  const placed: { file: string; path: string; existing: string | undefined; placement: Placement }[] = [];
  for (const file of files) {
    const path = resolve(repoDir, file);
    const shown = relative(repoDir, path) || file;
    const body = renderInstructions(score, refreshCommand(shown));
    const existing = await readText(path);
    placed.push({ file: shown, path, existing, placement: placeSection(existing, body, hash) });
  }
  const broken = placed.flatMap(({ file, placement }) => (placement.status === "broken" ? [{ file, placement }] : []));
  if (broken.length > 0) {
    for (const { file, placement } of broken)
      if (placement.status === "broken")
        io.stderr(
          `maestro agents-md: ${file}: ${placement.problem}. Fix the markers by hand (one start marker, then one end marker), or delete both to get a new section; nothing was written\n`,
        );
    return EXIT.usage;
  }

  if (values.check) {
    let stale = 0;
    for (const { file, existing, placement } of placed) {
      if (placement.status === "current") io.stdout(`${file}: up to date (score ${hash})\n`);
      else {
        stale++;
        io.stdout(
          `${file}: ${placement.status === "updated" ? `stale (${staleWhy(existing ?? "", hash)})` : placement.status === "created" ? "missing" : "has no Maestro section"}: run \`${refreshCommand(file)}\`\n`,
        );
      }
    }
    return stale > 0 ? EXIT.flagged : EXIT.pass;
  }

  for (const { file, path, placement } of placed) {
    if (placement.status === "current") {
      io.stdout(`${file}: up to date (score ${hash})\n`);
      continue;
    }
    if (placement.status === "broken") continue;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, placement.text);
    io.stdout(`${file}: ${DONE[placement.status]} (score ${hash})\n`);
  }
  return EXIT.pass;
}

const DONE = { created: "written", appended: "section appended", updated: "section updated" } as const;

/** Why an existing section is stale: written from another score, or its text differs (edited, or another Maestro). */
function staleWhy(text: string, hash: string): string {
  const found = findSection(text);
  return found.kind === "found" && found.hash !== hash
    ? `written from score ${found.hash ?? "unknown"}, the score is ${hash}`
    : "its text differs from what the score gives";
}

/** A file's text, or undefined when there is none; a file that exists but cannot be read is said. */
async function readText(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${path}: ${error.code === "EISDIR" ? "it is a folder" : error.message}`);
  });
}
