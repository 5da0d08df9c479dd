/**
 * The markers around Maestro's section of an agent instructions file (AGENTS.md, .github/copilot-instructions.md).
 * The start marker carries the hash of the score the section was written from, so the app can tell a stale section
 * from the base commit's file alone.
 */
export const SECTION_BEGIN = "<!-- maestro:agents begin";
export const SECTION_END = "<!-- maestro:agents end -->";

export function beginMarker(hash: string): string {
  return `${SECTION_BEGIN} score=${hash} -->`;
}

/** Where the section lies in a file: absent, found (from its start marker's first byte to its end marker's last), or broken. */
export type FoundSection =
  | { readonly kind: "none" }
  | {
      readonly kind: "found";
      readonly start: number;
      readonly end: number;
      /** The score hash its start marker names; undefined when the marker names none Maestro can read. */
      readonly hash: string | undefined;
    }
  | { readonly kind: "broken"; readonly problem: string };

/**
 * Any one-line HTML comment that names Maestro's section, however it is spaced: a hand-edited marker is still a marker,
 * and one that is neither Maestro's start nor its end makes the pair broken rather than guessed around. Bounded, so a
 * file of unclosed openers costs a linear scan.
 */
const MARKER = /<!--[ \t]*maestro:agents\b[^\n]{0,200}?-->/g;
const BEGIN = /^<!-- maestro:agents begin(?: score=([0-9a-f]{1,64}))? -->$/;

/**
 * Finds Maestro's section in `text`. Exactly one start marker followed by one end marker is a section; none of either
 * is no section; anything else (a start without an end, two starts, an end first, a marker Maestro did not write) is
 * broken, named with its line, and never guessed at: rewriting the wrong span would destroy the user's text.
 */
export function findSection(text: string): FoundSection {
  const begins: { index: number; hash: string | undefined }[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(MARKER)) {
    const marker = match[0];
    const begin = BEGIN.exec(marker);
    if (begin) begins.push({ index: match.index, hash: begin[1] });
    else if (marker === SECTION_END) ends.push(match.index);
    else
      return broken(`a marker Maestro does not write at line ${lineOf(text, match.index)}: ${JSON.stringify(marker)}`);
  }
  const [first, second] = begins;
  if (!first)
    return ends.length === 0
      ? { kind: "none" }
      : broken(`an end marker without a start marker (line ${lineOf(text, ends[0] ?? 0)})`);
  if (second) return broken(`two start markers (lines ${lineOf(text, first.index)} and ${lineOf(text, second.index)})`);
  if (ends.length === 0) return broken(`a start marker without an end marker (line ${lineOf(text, first.index)})`);
  if (ends.length > 1) return broken(`two end markers (lines ${ends.map((i) => lineOf(text, i)).join(" and ")})`);
  const end = ends[0] ?? 0;
  if (end < first.index)
    return broken(
      `its end marker (line ${lineOf(text, end)}) before its start marker (line ${lineOf(text, first.index)})`,
    );
  return { kind: "found", start: first.index, end: end + SECTION_END.length, hash: first.hash };
}

function broken(problem: string): FoundSection {
  return { kind: "broken", problem: `Maestro's section has ${problem}` };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
