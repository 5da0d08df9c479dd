/** Workspace globs are still read from here: src/analyse/conformance/workspaces.ts moves to ../shared/glob.js with its zod rewrite. */
export { compileGlobs, globProblem } from "../shared/glob.js";
