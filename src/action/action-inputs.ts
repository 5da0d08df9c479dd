import { UsageError } from "../cli/cli-io.js";
import { FORMATS, type Format } from "../report/render.js";

/** The Action's inputs (action.yml), read as the runner passes them. */
export interface ActionInputs {
  /** A score file in the checkout; absent, `.github/maestro.yml` at the base commit, as the App reads it. */
  readonly score?: string;
  /** The report printed in the step's log. */
  readonly format: Format;
  /** `conductor`: exit 1 on conductor or block (the CLI's codes); `block`: exit 1 on block only. */
  readonly failOn: "conductor" | "block";
  /** Ask the second reader even when the score's `llm.enabled` is off (the CLI's `--llm`). */
  readonly llm: boolean;
  readonly openaiApiKey?: string;
  readonly openaiBaseUrl?: string;
  readonly cacheDir?: string;
  /** Where the SARIF file goes; absent, `maestro.sarif` in the runner's temp folder. */
  readonly sarifFile?: string;
}

/**
 * The runner passes input `fail-on` as `INPUT_FAIL-ON`: upper-cased, spaces to underscores, hyphens kept. An input
 * the workflow left empty is unset (the runner passes action.yml's defaults, and the same defaults apply here when
 * it did not, as when the entry point is run by hand). A value outside an input's choices is a usage error.
 */
export function actionInputs(env: Readonly<Record<string, string | undefined>>): ActionInputs {
  const input = (name: string): string | undefined => {
    const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
    return value === "" ? undefined : value;
  };
  const format = input("format") ?? "text";
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`input format must be one of ${FORMATS.join(", ")} (got "${format}")`);
  const failOn = input("fail-on") ?? "conductor";
  if (failOn !== "conductor" && failOn !== "block")
    throw new UsageError(`input fail-on must be conductor or block (got "${failOn}")`);
  return {
    score: input("score"),
    format: format as Format,
    failOn,
    llm: booleanInput("llm", input("llm")),
    openaiApiKey: input("openai-api-key"),
    openaiBaseUrl: input("openai-base-url"),
    cacheDir: input("cache-dir"),
    sarifFile: input("sarif-file"),
  };
}

/** YAML 1.2's core booleans, as actions/toolkit's getBooleanInput reads them; anything else is a mistake said. */
function booleanInput(name: string, value: string | undefined): boolean {
  if (value === undefined || ["false", "False", "FALSE"].includes(value)) return false;
  if (["true", "True", "TRUE"].includes(value)) return true;
  throw new UsageError(`input ${name} must be true or false (got "${value}")`);
}
