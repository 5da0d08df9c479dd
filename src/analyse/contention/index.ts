export { openPullSchema, otherPullsSchema, type OpenPull, type OtherPulls } from "./other-pulls-schema.js";
export { contentionSchema, orchestraSchema, type Contention, type Orchestra } from "./contention-schema.js";
