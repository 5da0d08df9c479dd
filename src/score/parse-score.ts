import type { z } from "zod";
import { formatKeyPath, type KeyPath, type ScoreProblem } from "./score-problem.js";
import { scoreSchema, type Score } from "./score-schema.js";
import { readYaml } from "./read-yaml.js";
import { validateScore } from "./validate-score.js";
import { createYamlLocator } from "./yaml-locator.js";

export const SCORE_PATH = ".github/maestro.yml";

export type ParsedScore =
  | { readonly ok: true; readonly score: Score; readonly problems: readonly ScoreProblem[] }
  | { readonly ok: false; readonly problems: readonly ScoreProblem[] };

/**
 * Reads a score from its text. Never throws: whatever is wrong comes back as problems, each with
 * file, line, column and key path, so a broken score is reported, never crashed on.
 */
export function parseScore(text: string, file: string = SCORE_PATH, inherited?: unknown): ParsedScore {
  try {
    return parseScoreText(text, file, inherited);
  } catch (error) {
    // Every known failure is a problem already; this keeps an unknown one from crashing the caller.
    return {
      ok: false,
      problems: [
        {
          severity: "error",
          file,
          line: 1,
          column: 1,
          keyPath: "",
          message: `Maestro could not read the score (${(error as Error).message}); please report it with the file`,
        },
      ],
    };
  }
}

function parseScoreText(text: string, file: string, inherited: unknown): ParsedScore {
  const read = readYaml(text, file);
  if (!read.ok) return { ok: false, problems: read.problems };
  const { data, doc, lineCounter } = read;
  const problem = (
    severity: ScoreProblem["severity"],
    line: number,
    column: number,
    keyPath: string,
    message: string,
  ): ScoreProblem => ({
    severity,
    file,
    line,
    column,
    keyPath,
    message,
  });

  if (data === null || data === undefined) {
    return {
      ok: false,
      problems: [
        problem(
          "error",
          1,
          1,
          "",
          "the score is empty: it needs at least `version: 1` (run `maestro init` for a starter)",
        ),
      ],
    };
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    return {
      ok: false,
      problems: [problem("error", 1, 1, "", "the score must be a YAML mapping of keys (version, agents, modules, …)")],
    };
  }

  const locate = createYamlLocator(doc, lineCounter);
  const at = (severity: ScoreProblem["severity"], path: KeyPath, message: string, atKey = false): ScoreProblem => {
    const { line, column } = locate(path, atKey);
    return problem(severity, line, column, formatKeyPath(path), message);
  };

  // `extends:` — the inherited score is the floor; this file's keys win (objects merge, lists replace).
  const parsed = scoreSchema.safeParse(inherited === undefined ? data : mergeScoreData(inherited, data));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.flatMap((issue) => zodProblems(issue, at)) };
  }
  const problems = validateScore(parsed.data).map((p) => at(p.severity, p.path, p.message));
  if (problems.some((p) => p.severity === "error")) return { ok: false, problems };
  return { ok: true, score: parsed.data, problems };
}

type Locate = (severity: ScoreProblem["severity"], path: KeyPath, message: string, atKey?: boolean) => ScoreProblem;

function zodProblems(issue: z.core.$ZodIssue, at: Locate): ScoreProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => at("error", [...path, key], `unknown key "${key}"${hintFor(key)}`, true));
  }
  if (issue.code === "invalid_key") {
    return [at("error", path, `unknown key: ${issue.issues.map((i) => i.message).join("; ")}`, true)];
  }
  return [at("error", path, issue.message)];
}

const SPELLINGS: Record<string, string> = {
  mayUse: "may_use",
  "may-use": "may_use",
  mayNotUse: "may_not_use",
  forbidPackages: "forbid_packages",
  humanPrs: "human_prs",
  reviewAt: "review_at",
  blockAt: "block_at",
  cycle: "cycles",
  module: "modules",
  path: "paths",
};

function hintFor(key: string): string {
  const correct = SPELLINGS[key];
  return correct ? `: did you mean "${correct}"?` : "";
}

/** Deep merge of raw score data: `over`'s keys win, mappings merge key by key, lists are replaced. */
export function mergeScoreData(under: unknown, over: unknown): unknown {
  if (!isMapping(under) || !isMapping(over)) return over === undefined ? under : over;
  const merged: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over))
    merged[key] = key in under ? mergeScoreData(under[key], value) : value;
  delete merged.extends;
  if ("extends" in over) merged.extends = over.extends;
  return merged;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The raw data of a score file (for `extends:`), or the problems that keep it from being read. Never throws. */
export function readScoreData(
  text: string,
  file: string,
): { ok: true; data: unknown } | { ok: false; problems: ScoreProblem[] } {
  const read = readYaml(text, file);
  return read.ok ? { ok: true, data: read.data } : { ok: false, problems: read.problems };
}
