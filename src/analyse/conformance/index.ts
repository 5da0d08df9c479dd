/**
 * Conformance's public face: the check itself, the import graphs it builds and caches, and the
 * readers `maestro init` shares with it. Everything else in this folder is its own business.
 */
export { checkConformance, type ConformanceInput, type ConformanceResult } from "./check-conformance.js";
export type { FixedViolation } from "./fixed-violations.js";
export { isSourceFile } from "./extract-imports.js";
export { createMemoryGraphCache, type CommitGraph, type GraphCache } from "./graph-cache.js";
export { buildModuleGraph, componentsOf, type ModuleGraph } from "./module-graph.js";
export { createModuleMap, type ModuleMap } from "./module-map.js";
export { openSide, readImports, type ResolvedImport } from "./read-imports.js";
export { isResolutionConfig } from "./resolve-imports.js";
export { findWorkspacePackages } from "./workspaces.js";
