import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseScore } from "../src/score/parse-score.js";
import type { FailedCommit, JudgedCommit, SampledCommit } from "./judged-commit.js";
import { progressBar } from "./progress-bar.js";
import { readSample } from "./read-sample.js";
import { renderLlmReport } from "./render-llm-report.js";

/**
 * `npm run eval:llm -- --repo DIR --from EVAL_DIR [--limit N] [--model M] [--price-in $] [--price-out $] [--out DIR]`:
 * reads the commits a risk evaluation (`npm run eval:risk`) sampled and labelled, under the score it wrote, with
 * the second reader on, against whatever OPENAI_BASE_URL points to; writes how much the reader adds to the rules'
 * AUC, and what it costs per PR.
 */
const { values } = parseArgs({
  strict: true,
  options: {
    repo: { type: "string" },
    from: { type: "string" },
    limit: { type: "string" },
    model: { type: "string" },
    "price-in": { type: "string" },
    "price-out": { type: "string" },
    out: { type: "string" },
  },
});
if (!values.repo || !values.from) usage("--repo DIR and --from EVAL_DIR (an eval:risk output folder) are required");
const from = resolve(values.from as string);
const parsed = parseScore(readFileSync(join(from, "score.yml"), "utf8"));
if (!parsed.ok) usage(`${join(from, "score.yml")} is not a valid score`);
const rows = JSON.parse(readFileSync(join(from, "commits.json"), "utf8")) as {
  judged: JudgedCommit[];
  failed: FailedCommit[];
};
const limit = values.limit === undefined ? undefined : Number(values.limit);
const commits: SampledCommit[] = rows.judged
  .slice(0, limit)
  .map(({ sha, date, subject, fixedBy, revertedBy }) => ({ sha, date, subject, fixedBy, revertedBy }));
const score = values.model ? { ...parsed.score, llm: { ...parsed.score.llm, model: values.model } } : parsed.score;
const begun = Date.now();
const bar = (done: number, total: number) =>
  process.stderr.write(
    `\rreading ${progressBar({ done, total, failed: 0, elapsedMs: Date.now() - begun })}${done === total ? "\n" : ""}`,
  );
const { read, failed } = await readSample({
  repoDir: resolve(values.repo as string),
  commits,
  score,
  apiKey: process.env.OPENAI_API_KEY,
  baseURL: process.env.OPENAI_BASE_URL,
  onProgress: bar,
});
const priceIn = values["price-in"] === undefined ? undefined : Number(values["price-in"]);
const priceOut = values["price-out"] === undefined ? undefined : Number(values["price-out"]);
const report = renderLlmReport({
  read,
  failed,
  header: `${read.length} commits of ${from} read by ${score.llm.model} at ${process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1"}.`,
  ...(priceIn !== undefined ? { priceIn } : {}),
  ...(priceOut !== undefined ? { priceOut } : {}),
});
const outDir = resolve(values.out ?? join(from, "llm"));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "report.md"), report);
writeFileSync(join(outDir, "readings.json"), `${JSON.stringify(read, null, 1)}\n`);
process.stdout.write(report);

function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
