/**
 * What needs TypeScript, in one module that read-imports.ts loads on first need (`loadTypeScriptTools`): the parser,
 * the resolver and the reader of tsconfig `extends`. One import, awaited by all: a change that parses nothing and
 * resolves nothing never loads it.
 */
export { extendedConfigs } from "./config-extends.js";
export { extractImports } from "./extract-imports.js";
export { createResolver } from "./resolve-imports.js";
