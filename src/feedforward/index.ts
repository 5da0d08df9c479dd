/**
 * Feedforward: the score written as instructions agents read before they start (AGENTS.md,
 * .github/copilot-instructions.md), in a marked section Maestro alone rewrites.
 */
export { findSection, type FoundSection } from "./find-section.js";
export { placeSection, type Placement } from "./place-section.js";
export { renderInstructions } from "./render-instructions.js";
export { scoreHash } from "./score-hash.js";
export { AGENTS_MD, COPILOT_INSTRUCTIONS, refreshCommand } from "./refresh-command.js";
