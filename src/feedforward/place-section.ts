import { beginMarker, findSection, SECTION_END } from "./find-section.js";

/** What placing the section did to a file's text; `text` is the file as it should now be. */
export type Placement =
  | { readonly status: "created" | "appended" | "updated"; readonly text: string }
  | { readonly status: "current" }
  | { readonly status: "broken"; readonly problem: string };

/**
 * The file with Maestro's section as `body` and `hash` say it should be: created when there is no file, appended when
 * the file has none, replaced between its markers when it differs, left alone when it is the same. Only the bytes from
 * the start marker to the end marker are ever rewritten; the text before and after them, its line endings and a
 * missing final newline included, stays byte for byte. The section takes the line endings of the text around it.
 */
export function placeSection(existing: string | undefined, body: string, hash: string): Placement {
  if (existing === undefined) return { status: "created", text: `${section(body, hash, "\n")}\n` };
  const found = findSection(existing);
  if (found.kind === "broken") return { status: "broken", problem: found.problem };
  if (found.kind === "none") {
    const eol = lineEnding(existing);
    const gap = existing === "" ? "" : existing.endsWith("\n") ? eol : eol + eol;
    return { status: "appended", text: `${existing}${gap}${section(body, hash, eol)}${eol}` };
  }
  const before = existing.slice(0, found.start);
  const after = existing.slice(found.end);
  const wanted = section(body, hash, lineEnding(before + after));
  if (existing.slice(found.start, found.end) === wanted) return { status: "current" };
  return { status: "updated", text: before + wanted + after };
}

function section(body: string, hash: string, eol: string): string {
  return [beginMarker(hash), body, SECTION_END].join("\n").replace(/\n/g, eol);
}

/** CRLF when most of the user's line breaks are CRLF, else LF. */
function lineEnding(text: string): string {
  const breaks = text.split("\n").length - 1;
  const crlf = text.split("\r\n").length - 1;
  return crlf * 2 > breaks ? "\r\n" : "\n";
}
