import { o200kTokens as countTokens } from "./o200k.js";

/**
 * A run of base64, base64url or hex characters, padding included: where a key in no known format hides. The `n` of a
 * `\n` escape before it is no part of it.
 */
const RUN = /(?<!\\)[A-Za-z0-9+/_-]{20,}={0,2}/g;
/** `scheme://user:password@host`: a password written into a URL. */
const URL_PASSWORD = /:\/\/[^\s:/@]+:([^\s/@]+)@/dg;
/**
 * Characters per token below which a run reads as random rather than as language. A BPE vocabulary is learnt from
 * text and code, so words and identifiers (`createFirstMatch2ForModules`, `node_modules/gpt-tokenizer/encoding`) take
 * 3 to 7 characters a token, while random base64, hex and lowercase keys take under 2.5 (measured on o200k: random
 * runs of 20 to 40 characters stay below 2.5 in 99 % of draws, identifiers with digits stay above 2.6).
 */
const RANDOM_BELOW = 2.5;
/** Hex this long is a digest or a key whatever its tokens: 128 bits and more. */
const LONG_HEX = /^[0-9a-fA-F]{32,}$/;

/**
 * Where on a line random-looking tokens sit: the generic high-entropy pass the second reader runs after the key
 * formats, for credentials in no format Maestro knows (a JWT, a bearer token, a password in a URL).
 */
export function randomTokenSpans(line: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of line.matchAll(RUN)) {
    const run = m[0];
    if (LONG_HEX.test(run) || run.length / countTokens(run) < RANDOM_BELOW)
      spans.push({ start: m.index, end: m.index + run.length });
  }
  for (const m of line.matchAll(URL_PASSWORD)) {
    const [start = 0, end = 0] = m.indices?.[1] ?? [];
    spans.push({ start, end });
  }
  return spans;
}
