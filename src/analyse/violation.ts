import { z } from "zod";
import { RULE_IDS } from "../checks/rules/index.js";

/** A broken rule, as the CLI's JSON, the annotations and the summary all show it (SPEC §6). */
export const violationSchema = z.object({
  rule: z.enum(RULE_IDS),
  /** `error` blocks; `warn` annotates. A violation that already existed at base is always `warn`. */
  severity: z.enum(["error", "warn"]),
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** The importing module; null for a file in no module. */
  from: z.string().nullable(),
  /** The imported module, or the package for `forbidden-package`. */
  to: z.string().nullable(),
  specifier: z.string().nullable(),
  message: z.string(),
  /** False when the same edge already existed at base: reported, never blocking. */
  introduced: z.boolean(),
});
export type Violation = z.infer<typeof violationSchema>;
