import { parseJsonOrUndefined } from "../../shared/parse-json-or-undefined.js";
import { podiumStateSchema, type PodiumState } from "./podium-state-schema.js";
import { PODIUM_MARKER, PODIUM_STATE_PREFIX } from "./render-podium.js";

/**
 * The state Maestro hid in its podium issue: only in a body that starts with the marker, from the last state line
 * (Maestro writes it last). A body someone edited past reading, or a state from another version, is `undefined`:
 * the podium then starts again from the events, rather than failing a review.
 */
export function parsePodium(text: string): PodiumState | undefined {
  // GitHub's web editor saves an edited body with CRLF line endings.
  if (!text.replace(/\r\n/g, "\n").startsWith(`${PODIUM_MARKER}\n`)) return undefined;
  const state = podiumStateText(text);
  if (state === undefined) return undefined;
  const parsed = podiumStateSchema.safeParse(parseJsonOrUndefined(state));
  return parsed.success ? parsed.data : undefined;
}

/** The state line's JSON as written, for a seal to be made or checked over exactly that text. */
export function podiumStateText(text: string): string | undefined {
  const body = text.replace(/\r\n/g, "\n");
  const start = body.lastIndexOf(`\n${PODIUM_STATE_PREFIX}`);
  if (start < 0) return undefined;
  const line = body.slice(start + 1).split("\n", 1)[0] as string;
  return line.endsWith(" -->") ? line.slice(PODIUM_STATE_PREFIX.length, -4) : undefined;
}
