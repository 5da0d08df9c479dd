import { z } from "zod";

/** Something the reader should know that is not a violation: a file not read, a cut list, a fallback. */
export const noteSchema = z.object({
  file: z.string().optional(),
  message: z.string(),
  /** True when the note means part of the change went unjudged: the verdict must not be a plain pass. */
  unjudged: z.boolean(),
});
export type Note = z.infer<typeof noteSchema>;
