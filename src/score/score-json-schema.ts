import { z } from "zod";
import { scoreSchema } from "./score-schema.js";

/** The JSON Schema editors use to complete `.github/maestro.yml`, generated from the same zod schema. */
export function scoreJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scoreSchema, { io: "input", target: "draft-7" }),
    $id: "https://maestro.dev/schema/maestro.schema.json",
    title: "Maestro score (.github/maestro.yml)",
  };
}
