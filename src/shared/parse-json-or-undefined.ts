/** JSON from files and comments a user or an agent wrote: malformed text is "nothing", never a crash. */
export function parseJsonOrUndefined(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
