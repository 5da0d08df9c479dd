import { createHash } from "node:crypto";
import { join } from "node:path";
import type { ParsedScore } from "../score/parse-score.js";
import { scoreSchema } from "../score/score-schema.js";
import { maestroVersion } from "../version.js";
import { readCacheFile, writeCacheFile } from "./cache-file.js";

/** Bump when what a score parses into changes within one version of Maestro. */
const MAGIC = "maestro-score-v1";

export interface ScoreCache {
  get(text: string, file: string): ParsedScore | undefined;
  set(text: string, file: string, parsed: ParsedScore): Promise<void>;
}

/**
 * The CLI's parsed scores, one file per score text, beside the graph cache (never in the work tree). Reading a large
 * score's YAML and checking it costs a warm check 70 ms on a monorepo's 106 modules; its parsed form is read back in
 * well under one. Only a score without a problem is kept (a problem's line and column need the YAML), and what is
 * read back is checked against the score's schema again: a file cut short or written by another version is a miss.
 */
export function createDiskScoreCache(dir: string): ScoreCache {
  const fileOf = (text: string, file: string) =>
    join(
      dir,
      `score-${createHash("sha256").update(`${MAGIC}\0${maestroVersion()}\0${file}\0${text}`).digest("hex")}.bin`,
    );
  return {
    get(text, file) {
      const score = scoreSchema.safeParse(readCacheFile(fileOf(text, file), MAGIC)?.score);
      return score.success ? { ok: true, score: score.data, problems: [] } : undefined;
    },
    async set(text, file, parsed) {
      if (parsed.ok && parsed.problems.length === 0)
        await writeCacheFile(fileOf(text, file), MAGIC, { score: parsed.score });
    },
  };
}
