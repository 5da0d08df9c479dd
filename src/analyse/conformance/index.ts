/**
 * Conformance's public face: the check itself, the import graphs it builds and caches, and the
 * readers `maestro init` shares with it. Everything else in this folder is its own business.
 */
export { checkConformance, type ConformanceInput, type ConformanceResult } from "./check-conformance.js";
export type { FixedViolation } from "./fixed-violations.js";
export { isSourceFile } from "./source-files.js";
export { createMemoryGraphCache, GRAPH_FORMAT, type CommitGraph, type GraphCache } from "./graph-cache.js";
export { newStats, type ConformanceStats } from "./conformance-stats.js";
export { PackedImports, columnsAreSound, type PackedColumns } from "./packed-imports.js";
export { buildModuleGraph, componentsOf, type CountedGraph, type ModuleGraph } from "./module-graph.js";
export { countModuleEdges } from "./module-graph.js";
export { createModuleMap, type ModuleMap } from "./module-map.js";
export { openSide, readImports, type ResolvedImport } from "./read-imports.js";
export { isResolutionConfig } from "./resolution-config.js";
export { findWorkspacePackages } from "./workspaces.js";
