/**
 * Text Maestro did not write (file names, messages, command text, branch names) must never open or
 * close an HTML comment in what Maestro posts: a hidden `<!-- maestro:… -->` line is how Maestro
 * keeps its own state, and GitHub hides comments from readers. Shown as text instead.
 */
export function neutralizeHtmlComments(text: string): string {
  return text.replace(/<!--/g, "&lt;!--").replace(/--!?>/g, (end) => `--${end.slice(2, -1)}&gt;`);
}
