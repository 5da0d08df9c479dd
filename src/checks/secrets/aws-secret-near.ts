import type { NearbyLines } from "./key-format.js";
import { looksRandom } from "./looks-random.js";

/** AWS's secret access key: 40 base64 characters, mixed case with digits (a hex commit hash is not one). */
const AWS_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** How far along the key id's own line its secret may sit: a minified line holds random-looking runs everywhere. */
const SAME_LINE_REACH = 300;

/**
 * Whether an AWS key id's secret access key sits near it: on its own line within reach, or on the added lines around.
 * A key id alone grants nothing; with its secret it is a working credential.
 */
export function awsSecretNear(match: RegExpMatchArray, line: string, { before, after }: NearbyLines): boolean {
  const at = match.index ?? 0;
  const around = line.slice(Math.max(0, at - SAME_LINE_REACH), at + match[0].length + SAME_LINE_REACH);
  return [around, ...before, ...after].some((text) =>
    [...text.matchAll(AWS_SECRET)].some(
      ([s]) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s) && looksRandom(s, 4),
    ),
  );
}
