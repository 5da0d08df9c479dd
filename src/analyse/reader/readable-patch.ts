import type { ChangedFile } from "../../gather/change.js";
import { stripHiddenUnicode } from "../../shared/hidden-unicode.js";
import { numberedPatch, type NumberedLine } from "../risk/index.js";
import { redactSecrets } from "./redact-secrets.js";

/**
 * A changed file's patch as a model may read it: numbered, hidden characters stripped (before redacting, so that a
 * zero-width space cannot split a key out of the detectors' sight), secrets redacted. The verifier reads the same
 * lines, so that a quote of a redacted line can be checked.
 */
export function readablePatch(file: ChangedFile): { lines: NumberedLine[]; redactions: number } {
  const numbered = numberedPatch(file.patch);
  const { lines, redactions } = redactSecrets(numbered.map((l) => stripHiddenUnicode(l.text)));
  return { lines: numbered.map((l, i) => ({ ...l, text: lines[i] ?? "" })), redactions };
}
