/**
 * A boundary long and plain enough that no one guesses it, and that no text can spell by accident: the caller draws it
 * at random for each reading.
 */
const VALID_BOUNDARY = /^[A-Za-z0-9_-]{16,128}$/;
/** What a copy of the boundary inside the data becomes. */
const NEUTRALIZED = "[marker removed]";

/**
 * Untrusted text between the boundary's markers (spotlighting), as the instructions describe them. A copy of the
 * boundary in the text, in any case, is replaced until none is left: the data cannot close its own block and speak
 * after it.
 */
export function fenceUntrusted(text: string, boundary: string): string {
  if (!VALID_BOUNDARY.test(boundary))
    throw new Error("the second reader's boundary must be 16 to 128 letters, digits, '-' or '_', drawn at random");
  // The boundary holds no character a pattern reads as syntax. Replaced until nothing changes, whatever joins up.
  const copies = new RegExp(boundary, "gi");
  let data = text;
  for (let before = ""; before !== data;) {
    before = data;
    data = data.replace(copies, NEUTRALIZED);
  }
  return `<<<BEGIN DATA ${boundary}>>>\n${data}\n<<<END DATA ${boundary}>>>`;
}
