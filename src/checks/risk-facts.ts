import type { ChangedFile, FileHistory } from "../gather/change.js";

/**
 * What the risk signals read: the change as facts, every file's patch already split into lines.
 * analyse/risk builds it from the score and the change; the signals sit below the score (its
 * schema is derived from them), so they see only these narrow shapes, never the Score itself.
 */
export interface RiskFacts {
  readonly modules: ModuleLookup;
  /** The score's `protected:` entries. */
  readonly protectedEntries: readonly ProtectedEntry[];
  /** Where the score lives, `.github/maestro.yml` unless told otherwise. */
  readonly scorePath: string;
  readonly files: readonly ChangedFile[];
  lines(file: ChangedFile): PatchLines;
  /** Base and head text of the files a signal asked for (manifests, public API files). */
  readonly texts: ReadonlyMap<string, FileTexts>;
  /** What a public file exports at one side, read with ts-morph. */
  exportsOf(path: string, text: string): ExportedApi;
  /** The repository's own workspace packages at head, by name: a version bump between them is no dependency change. */
  readonly workspacePackages: ReadonlySet<string>;
  /** Lines at base of each modified or renamed text file (by head path): relative churn's denominator. */
  readonly baseLines: ReadonlyMap<string, number>;
  /** Recent history at base of the changed files (by base path); undefined when the change cannot tell. */
  readonly history: ReadonlyMap<string, FileHistory> | undefined;
  /** The PR's title and body, when the change is a PR's: untrusted text, read as data. */
  readonly pullText?: PullText;
  /** The second reader's verified findings, once it has answered; absent while the rules alone are weighed. */
  readonly reading?: { readonly findings: readonly ReadingFinding[] };
  /** The other open PRs this one overlaps, once compared (after conformance); absent when none were read. */
  readonly contention?: readonly Overlap[];
}

/** One other open PR this change overlaps, as the `contention` signal weighs it. */
export interface Overlap {
  readonly pr: number;
  /** Its part's name, else its author's login. */
  readonly agent: string;
  /** `strong`: a shared file or a moving public API; `weak`: only a shared module. */
  readonly strength: "strong" | "weak";
  /** The files both change, in order. */
  readonly files: readonly string[];
  /** The modules whose public files one changes while the other's changes import them. */
  readonly api: readonly string[];
  readonly modules: readonly string[];
  /** This change's file where the overlap shows (annotated): the first shared file, else one in the API or module. */
  readonly at?: string;
}

/** What a pull request says of itself. */
export interface PullText {
  readonly title: string;
  readonly body: string;
}

/** A verified finding of the second reader, as the `llm` signal weighs it. */
export interface ReadingFinding {
  readonly kind: string;
  readonly severity: "low" | "medium" | "high";
  readonly file: string;
  readonly line: number;
  readonly explanation: string;
}

/** A module as the signals see it: its name and, when it declares them, its public files. */
export interface ModuleRef {
  readonly name: string;
  readonly public?: readonly string[];
}

/** Which module a path belongs to, by the score's globs; analyse's ModuleMap is one. */
export interface ModuleLookup {
  /** The module a file belongs to: the first whose paths match; with its globs, where its root folder is read from. */
  moduleOf(path: string): (ModuleRef & { readonly paths: readonly string[] }) | undefined;
  isPublic(module: ModuleRef, path: string): boolean;
  isIgnored(path: string): boolean;
}

export interface ProtectedEntry {
  readonly paths: readonly string[];
  /** What the conductor who must sign off reads. */
  readonly reason: string;
}

export interface FileTexts {
  readonly base?: string;
  readonly head?: string;
}

/** name → its signature as written (whitespace folded), for every name a file exports. */
export type ExportedApi = ReadonlyMap<string, string>;

/** A line a patch adds (with its line number at head) or removes (with its line number at base). */
export interface PatchLine {
  readonly line: number;
  readonly text: string;
}

/** A removed line also knows where the removal sits in the head: the line to point at when annotating it. */
export interface RemovedLine extends PatchLine {
  /**
   * The head line where the removal happened (the one after it, or at the end of a hunk the one before); undefined when
   * the head has no line there.
   */
  readonly headLine: number | undefined;
}

export interface PatchLines {
  readonly added: readonly PatchLine[];
  readonly removed: readonly RemovedLine[];
}
