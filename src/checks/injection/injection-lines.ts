import { stripHiddenUnicode } from "../../shared/hidden-unicode.js";
import type { PatchLine } from "../risk-facts.js";
import { hiddenCharacters } from "./hidden-characters.js";
import { injectionPhrases } from "./injection-phrases.js";
import { lineReadings, type LineReading } from "./line-readings.js";

/** Where the lines come from: a file's path, or the PR's own text (all of it prose). */
export type LineSource = { readonly path: string; readonly generated: boolean } | "pull text";

export interface InjectionLine {
  readonly line: number;
  /** Maestro's words for what is there: the families of phrase and the hidden code points, never the text itself. */
  readonly what: string;
}

/** What a comment or a quote opens a continued line with, dropped before the line is read as the end of the one above. */
const CONTINUATION = /^\s*(?:\/\/+|\/\*+|\*+|#+|<!--|--|;+|>+)?\s*/;
/** Code points listed in the evidence, at most: the rest are counted. */
const SHOWN = 3;

/**
 * The lines among `lines` that hold an injection attempt: hidden characters that are not typography, or phrases aimed
 * at reviewers or models. Phrases are read with hidden characters stripped and compatibility forms folded (NFKC), so
 * that `ig\u200bnore` or full-width letters hide nothing; a phrase wrapped onto the next line is found on the line it
 * starts.
 */
export function injectionLines(source: LineSource, lines: readonly PatchLine[]): InjectionLine[] {
  const readings = (text: string): LineReading[] =>
    source === "pull text" ? [{ text, kind: "prose" }] : lineReadings(source.path, text);
  const phrasesOf = (text: string) => new Set(readings(text).flatMap((r) => injectionPhrases(r.text, r.kind)));
  const clean = lines.map(({ text }) => stripHiddenUnicode(text).normalize("NFKC"));
  const found: InjectionLine[] = [];
  lines.forEach(({ line, text }, i) => {
    const hidden = source !== "pull text" && source.generated ? [] : hiddenCharacters(text, line === 1);
    const phrases = phrasesOf(clean[i] ?? "");
    const next = lines[i + 1]?.line === line + 1 ? clean[i + 1] : undefined;
    if (next !== undefined) {
      const alone = phrasesOf(next);
      for (const phrase of phrasesOf(`${clean[i] ?? ""} ${next.replace(CONTINUATION, "")}`))
        if (!alone.has(phrase)) phrases.add(phrase);
    }
    const what = [...(hidden.length > 0 ? [hiddenLabel(hidden)] : []), ...phrases];
    if (what.length > 0) found.push({ line, what: what.join("; ") });
  });
  return found;
}

/** `hidden characters U+202E, U+2066`, with tag characters (which can spell whole sentences) counted as one kind. */
function hiddenLabel(codes: readonly string[]): string {
  const tags = codes.filter((c) => c.length > 6);
  const named = codes.filter((c) => c.length <= 6);
  const shown = named.slice(0, SHOWN).join(", ");
  const more = named.length > SHOWN ? ` and ${named.length - SHOWN} more` : "";
  const parts = [
    ...(named.length > 0 ? [`hidden characters ${shown}${more}`] : []),
    ...(tags.length > 0 ? ["hidden tag characters"] : []),
  ];
  return parts.join(", ");
}
