/** Risk's public face: the assessment, and the shape of its result in a verdict. */
export { assessRisk, weighSignals, type RiskAssessment, type RiskInput } from "./assess-risk.js";
export type { PullText } from "../../checks/risk-facts.js";
export { riskResultSchema, type Risk, type Signal } from "./risk-schema.js";
export { numberedPatch, type NumberedLine } from "./numbered-patch.js";
