import { hiddenUnicodeAt } from "../../shared/hidden-unicode.js";

/**
 * Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms): where the direction marks
 * (LRM, RLM, ALM) are how such text is written, not a trick.
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const MARKS = new Set([0x200e, 0x200f, 0x061c]);
/** Zero-width space, non-joiner and joiner: scripts such as Persian, Hindi or Thai need them, and emoji sequences. */
const JOINERS = new Set([0x200b, 0x200c, 0x200d]);
const BOM = 0xfeff;
/** 🏴 (waving black flag): followed by tag letters and a cancel tag, it is a subdivision flag such as Scotland's. */
const BLACK_FLAG = /\u{1f3f4}$/u;
const FLAG_TAGS = /^(?:\udb40[\udc30-\udc39\udc61-\udc7a]){2,6}\udb40\udc7f$/;

/**
 * The hidden characters of an added line that are not typography, by code point (`U+202E`), in order of first
 * appearance. Typography is: a byte order mark at the very start of a file; direction marks in a line of right-to-left
 * text; a zero-width joiner, non-joiner or space between two non-ASCII characters (Persian, Indic, Thai words, emoji
 * sequences), or between `*` and `/` (the `**\u200b/*.js` a JSDoc comment needs to not close itself, as theia.d.ts
 * writes it); tag characters spelling a subdivision flag after 🏴. Bidi embeddings, overrides and isolates, the word
 * joiner and invisible operators, and any other tag character are never typography: they change what a reader sees.
 */
export function hiddenCharacters(text: string, firstLineOfFile: boolean): string[] {
  const found = new Set<string>();
  for (const at of hiddenUnicodeAt(text)) {
    const code = text.codePointAt(at) ?? 0;
    if (code === BOM && at === 0 && firstLineOfFile) continue;
    if (MARKS.has(code) && RIGHT_TO_LEFT.test(text)) continue;
    if (
      JOINERS.has(code) &&
      (between(text, at, nonAscii) || (code === 0x200b && text.slice(at - 1, at + 2) === "*\u200b/"))
    )
      continue;
    if (code > 0xffff && isFlagTag(text, at)) continue;
    found.add(`U+${code.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...found];
}

function nonAscii(char: string | undefined): boolean {
  return char !== undefined && char.charCodeAt(0) > 0x7f && hiddenUnicodeAt(char).length === 0;
}

function between(text: string, at: number, test: (char: string | undefined) => boolean): boolean {
  return test(text[at - 1]) && test(text[at + 1]);
}

/** Whether the tag character at `at` belongs to a run of them that is exactly a subdivision flag's, right after 🏴. */
function isFlagTag(text: string, at: number): boolean {
  let start = at;
  while (start >= 2 && text.charCodeAt(start - 2) === 0xdb40) start -= 2;
  let end = at + 2;
  while (text.charCodeAt(end) === 0xdb40) end += 2;
  return BLACK_FLAG.test(text.slice(0, start)) && FLAG_TAGS.test(text.slice(start, end));
}
