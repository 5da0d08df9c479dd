import { keySpans } from "../../checks/secrets/key-format.js";
import { secretValueSpans } from "../../checks/secrets/suspicious-assignment.js";
import { randomTokenSpans } from "./random-token-spans.js";

/** What a model is shown instead of a secret. */
export const REDACTED = "[REDACTED]";

interface Span {
  readonly start: number;
  readonly end: number;
}

const KEY_HEADER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const KEY_FOOTER = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/**
 * A key's base64, in PEM lines or in a string (`"MIIE…\n" +`, the `n` of an escape left out); runs of `A` included,
 * which looksRandom refuses.
 */
const KEY_MATERIAL = /(?<!\\)[A-Za-z0-9+/]{16,}={0,2}/g;
/** What a key's body may sit in: quotes, string joins, `\n` escapes, and nothing else. */
const BODY_LINE = /^(?:[\s"'`+,;()]|\\[nr])*(?:[A-Za-z0-9+/]{16,}={0,2}(?:[\s"'`+,;()]|\\[nr])*)+$/;
/** Between a header and its body: nothing, quotes, PEM's `Proc-Type: …` fields, blank lines. */
const BEFORE_BODY = /^(?:[\s"'`+,]|\\[nr])*$|^\s*[\w-]+: /;

/**
 * One text's lines (a file's patch, a pull request's description) with every secret replaced by `[REDACTED]`, as the
 * `secrets` signal finds them and more: every key format's shape (placeholders too: hiding one costs nothing), every
 * literal assigned to a secret-like name, random-looking tokens, and a private key's body. Lines come in order, so a
 * key's body is found under its header.
 */
export function redactSecrets(lines: readonly string[]): { lines: string[]; redactions: number } {
  let redactions = 0;
  let inKey = false;
  const out = lines.map((text) => {
    const key = privateKeySpans(text, inKey);
    inKey = key.inKey;
    const spans = merge([
      ...key.spans,
      ...keySpans(text).filter((s) => s.kind !== "private key"),
      ...secretValueSpans(text),
      ...randomTokenSpans(text),
    ]);
    redactions += spans.length;
    return spans.reduceRight((t, s) => t.slice(0, s.start) + REDACTED + t.slice(s.end), text);
  });
  return { lines: out, redactions };
}

/** A private key's body on this line, and whether the next line may still be part of it. */
function privateKeySpans(text: string, inKey: boolean): { spans: Span[]; inKey: boolean } {
  const header = inKey ? undefined : KEY_HEADER.exec(text);
  if (!inKey && !header) return { spans: [], inKey: false };
  const from = header ? header.index + header[0].length : 0;
  const footer = KEY_FOOTER.exec(text.slice(from));
  const to = footer ? from + footer.index : text.length;
  const body = text.slice(from, to);
  if (!footer && BEFORE_BODY.test(body)) return { spans: [], inKey: true };
  // Past the header, only key material continues a key; a line of code ends it, and is read as such.
  if (!header && !footer && !BODY_LINE.test(body)) return { spans: [], inKey: false };
  const spans = [...body.matchAll(KEY_MATERIAL)].map((m) => ({
    start: from + m.index,
    end: from + m.index + m[0].length,
  }));
  return { spans, inKey: !footer && (spans.length > 0 || inKey) };
}

/** Overlapping and touching spans as one, in order. */
function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else merged.push(s);
  }
  return merged;
}
