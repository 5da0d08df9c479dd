/** A file of `git diff --raw`, as far as its patch header goes: where it was and where it is. */
export interface PatchedPath {
  readonly path: string;
  readonly previousPath?: string;
}

/**
 * Each file's hunks from one `git diff -p --src-prefix=a/ --dst-prefix=b/` output, found by the
 * file's own `diff --git` header rather than by position: a file that changes type (a file becoming
 * a symlink) has two sections, and pairing by position would give every later file the wrong patch.
 * Sections of one path are joined. A section whose header names no known file is left out, so its
 * file has no patch and the core names it unjudged.
 */
export function patchesByPath(text: string, files: readonly PatchedPath[]): Map<string, string> {
  const byHeader = new Map(
    files.map((f) => [
      `diff --git ${quoteGitPath(`a/${f.previousPath ?? f.path}`)} ${quoteGitPath(`b/${f.path}`)}`,
      f.path,
    ]),
  );
  const patches = new Map<string, string>();
  if (text === "") return patches;
  for (const section of text.split(/^(?=diff --git )/m)) {
    const eol = section.indexOf("\n");
    const path = byHeader.get(eol < 0 ? section : section.slice(0, eol));
    const hunks = path === undefined ? undefined : hunksOf(section);
    if (path === undefined || hunks === undefined) continue;
    const earlier = patches.get(path);
    patches.set(path, earlier === undefined ? hunks : `${earlier}\n${hunks}`);
  }
  return patches;
}

/** GitHub's `patch` field starts at the first hunk header; so does ours. */
function hunksOf(section: string): string | undefined {
  const at = section.search(/^@@ /m);
  return at < 0 ? undefined : section.slice(at).replace(/\n$/, "");
}

/** The escapes of git's `quote_c_style` (quote.c); other control characters are written in octal. */
const ESCAPES: Readonly<Record<string, string>> = {
  "\x07": "a",
  "\b": "b",
  "\t": "t",
  "\n": "n",
  "\v": "v",
  "\f": "f",
  "\r": "r",
  '"': '"',
  "\\": "\\",
};

/**
 * A name as git writes it in a patch header with `core.quotePath=false`: as is, unless it holds a
 * control character, a double quote or a backslash; then C-quoted whole, prefix included.
 */
function quoteGitPath(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what git quotes
  if (!/[\x00-\x1f\x7f"\\]/.test(name)) return name;
  let quoted = "";
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    const escape = ESCAPES[ch];
    if (escape !== undefined) quoted += `\\${escape}`;
    else if (code < 0x20 || code === 0x7f) quoted += `\\${code.toString(8).padStart(3, "0")}`;
    else quoted += ch;
  }
  return `"${quoted}"`;
}
