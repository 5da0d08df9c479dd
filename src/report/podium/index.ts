/** The podium issue: what the app feeds it, how it is written and read back. */
export { podiumEventSchema, type PodiumEvent } from "./podium-event-schema.js";
export { podiumStateSchema, type PodiumState, type PodiumPull } from "./podium-state-schema.js";
export { applyPodiumEvents } from "./apply-podium-events.js";
export { renderPodium, PODIUM_MARKER, PODIUM_TITLE, PODIUM_BODY_LIMIT } from "./render-podium.js";
export { parsePodium, podiumStateText } from "./parse-podium.js";
