import { bitsPerChar } from "./bits-per-char.js";

/** The body straight after a header on its line: PEM in a JSON string (`-----\\nMIIE…`), or a string split in code. */
const BODY_ON_LINE = /^(?:\\[nr]|\s|["'`+,])*([A-Za-z0-9+/]{40,})/;
/** What may sit between a header and its body: nothing, quotes, PEM's and PGP's `Name: value` fields, blank lines. */
const BEFORE_BODY = /^(?:\\[nr]|\s|["'`+,])*$|^\s*[\w-]+: /;
const BODY_LINE = /^\s*["'`]?([A-Za-z0-9+/]{40,})/;

/**
 * Whether a private key's base64 body follows its header, right after it on the line or on the lines below. A header
 * alone is a parser's constant; in a minified line, random-looking runs further along belong to something else.
 */
export function privateKeyBody(rest: string, after: readonly string[]): boolean {
  const onLine = BODY_ON_LINE.exec(rest)?.[1];
  if (onLine !== undefined) return keyMaterial(onLine);
  if (!BEFORE_BODY.test(rest)) return false;
  const below = after.slice(0, 4).find((text) => !BEFORE_BODY.test(text));
  const body = below === undefined ? undefined : BODY_LINE.exec(below)?.[1];
  return body !== undefined && keyMaterial(body);
}

/**
 * Base64 that encodes a key rather than `XXXX…`. Not looksRandom: DER and OpenSSH bodies hold runs of `A` (zero
 * bytes), so entropy alone decides.
 */
const keyMaterial = (base64: string): boolean => bitsPerChar(base64.slice(0, 64)) >= 3;
