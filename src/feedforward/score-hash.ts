import { createHash } from "node:crypto";
import type { Score } from "../score/score-schema.js";

/** How many hex digits of the sha256 a marker carries: enough to tell two scores apart, short enough to read. */
const HASH_DIGITS = 12;

/**
 * The score an instructions section was written from, as the hash its start marker carries: the sha256 of the parsed
 * score's canonical JSON (defaults filled in, keys sorted), so reformatting the YAML, reordering keys or spelling out a
 * default does not make a section stale, and any change of meaning does.
 */
export function scoreHash(score: Score): string {
  return createHash("sha256").update(canonicalJson(score)).digest("hex").slice(0, HASH_DIGITS);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
