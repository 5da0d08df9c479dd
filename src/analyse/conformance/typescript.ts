import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

/**
 * The TypeScript that ts-morph ships, loaded with `require` the first time a module of this folder that parses or
 * resolves is loaded. Node's ESM `import` of a CommonJS package scans its source for export names and module syntax
 * first: for ts-morph that scan alone costs about 0.3 s on every run, before a single file is read. The file is
 * required where ts-morph's own code requires it, so both share one TypeScript, without loading ts-morph's code
 * (60 ms of every check) until something needs it; if that file ever moves, ts-morph hands it over.
 */
export const ts = loadTypeScript();

function loadTypeScript(): typeof TsMorph.ts {
  const morph = createRequire(import.meta.url).resolve("ts-morph");
  try {
    const common = createRequire(morph).resolve("@ts-morph/common");
    return createRequire(common)("./typescript.js") as typeof TsMorph.ts;
  } catch {
    return (createRequire(import.meta.url)("ts-morph") as typeof TsMorph).ts;
  }
}

/** The types this folder names, as `ts.X` beside the value (a namespace of types only merges with a const). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type CompilerOptions = TsMorph.ts.CompilerOptions;
  export type Diagnostic = TsMorph.ts.Diagnostic;
  export type DiagnosticWithLocation = TsMorph.ts.DiagnosticWithLocation;
  export type ImportDeclaration = TsMorph.ts.ImportDeclaration;
  export type ModuleResolutionCache = TsMorph.ts.ModuleResolutionCache;
  export type ModuleResolutionHost = TsMorph.ts.ModuleResolutionHost;
  export type Node = TsMorph.ts.Node;
  export type ParseConfigHost = TsMorph.ts.ParseConfigHost;
  export type ScriptKind = TsMorph.ts.ScriptKind;
  export type SourceFile = TsMorph.ts.SourceFile;
}
