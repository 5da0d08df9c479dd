/** Where agents look for instructions by default: the file each command flag names, and the command that writes it. */
export const AGENTS_MD = "AGENTS.md";
export const COPILOT_INSTRUCTIONS = ".github/copilot-instructions.md";

/**
 * The command that writes Maestro's section of `file` (a repository-relative path), as the section and the app's
 * drift note show it.
 */
export function refreshCommand(file: string): string {
  if (file === AGENTS_MD) return "npx maestro agents-md";
  if (file === COPILOT_INSTRUCTIONS) return "npx maestro agents-md --copilot";
  return `npx maestro agents-md --file ${/^[\w./-]+$/.test(file) ? file : JSON.stringify(file)}`;
}
