import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { actionInputs } from "../../src/action/action-inputs.js";

/**
 * action.yml is what a workflow author reads in the Marketplace and what the runner starts: its inputs must be the
 * ones the entry point reads, with the same defaults, each documented in docs/github-action.md with its default, and
 * its `main` the file the release workflow bundles.
 */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const manifest = parse(read("action.yml")) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};
const docs = read("docs/github-action.md");
const inputs = Object.entries(manifest.inputs);

/** The runner's name for an input's variable: upper-cased, spaces to underscores, hyphens kept. */
const variable = (name: string) => `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;

/** A value each input accepts that differs from its default. */
const SAMPLE: Record<string, string> = { format: "json", "fail-on": "block", llm: "true" };

describe("action.yml against the entry point and its docs", () => {
  it.each(inputs)("input `%s` is read by the entry point", (name) => {
    const set = actionInputs({ [variable(name)]: SAMPLE[name] ?? "sample-value" });
    expect(set).not.toEqual(actionInputs({}));
  });

  it("the defaults action.yml passes are the entry point's own when none is passed", () => {
    const passed = Object.fromEntries(inputs.map(([name, spec]) => [variable(name), spec.default ?? ""]));
    expect(actionInputs(passed)).toEqual(actionInputs({}));
  });

  it.each(inputs)("docs/github-action.md lists input `%s` with its default", (name, spec) => {
    const shown = spec.default ? `\`${spec.default}\`` : "empty";
    expect(docs).toContain(`| \`${name}\` | ${shown} |`);
  });

  it.each(Object.keys(manifest.outputs))("docs/github-action.md lists output `%s`", (name) => {
    expect(docs).toContain(`| \`${name}\` |`);
  });

  it("runs the file the release workflow bundles, on a Node the bundle targets", () => {
    const workflow = read(".github/workflows/release-action.yml");
    expect(manifest.runs.main).toBe("dist/action/index.mjs");
    expect(workflow).toContain("out=dist/action");
    expect(workflow).toContain('--outfile="$out/index.mjs"');
    expect(workflow).toContain(`--target=${manifest.runs.using}`);
    expect(workflow).toContain("git add --force dist/action");
  });
});
