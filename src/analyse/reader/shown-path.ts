import { stripHiddenUnicode } from "../../shared/hidden-unicode.js";

/**
 * A path as the model reads it and cites it back: hidden characters stripped, control characters (a newline is legal
 * in a git path) shown as `?`, so that a file name cannot start a line of its own in the data.
 */
export function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  return stripHiddenUnicode(path).replace(/[\u0000-\u001f\u007f]/g, "?");
}
