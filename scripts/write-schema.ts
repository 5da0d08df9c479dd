import { writeFileSync } from "node:fs";
import { scoreJsonSchema } from "../src/score/score-json-schema.js";

/** Regenerates schema/maestro.schema.json; a test fails when it is out of date. */
writeFileSync(
  new URL("../../schema/maestro.schema.json", import.meta.url),
  `${JSON.stringify(scoreJsonSchema(), null, 2)}\n`,
);
console.log("wrote schema/maestro.schema.json");
