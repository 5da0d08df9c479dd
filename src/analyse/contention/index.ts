export { openPullSchema, otherPullsSchema, type OpenPull, type OtherPulls } from "./other-pulls-schema.js";
export { contentionSchema, orchestraSchema, type Contention, type Orchestra } from "./contention-schema.js";
export {
  findContention,
  MAX_FILES_PER_ENTRY,
  MAX_IMPORTERS_READ,
  type ContentionInput,
  type ContentionResult,
} from "./find-contention.js";
export { mergeOrder, type Contender } from "./merge-order.js";
