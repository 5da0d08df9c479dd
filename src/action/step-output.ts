import { randomUUID } from "node:crypto";

/**
 * One step output in `$GITHUB_OUTPUT`'s file-command form. Always the delimiter form (`name<<DELIM`, the value,
 * `DELIM`), which takes any value, multi-line or not; the delimiter is random so a value cannot end it early and
 * write an output of its own.
 */
export function stepOutput(name: string, value: string): string {
  const delimiter = `maestro_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
