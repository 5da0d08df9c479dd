import { isCiInfra, isCode, isGenerated, isLockfile, isTest, MANIFESTS, baseName } from "../../checks/file-kinds.js";
import type { PatchLine } from "../../checks/risk-facts.js";
import { isGeneratedFile } from "../../checks/secrets/generated-file.js";
import type { ChangedFile } from "../../gather/change.js";

/** Where a file comes when the budget cannot hold them all, or why it is never sent. */
export type ReadingRank = { readonly rank: number } | { readonly never: string };

const DOCS = /\.(?:md|markdown|mdx|rst|txt|adoc)$/i;

/**
 * What matters most to a reader of the change's meaning comes first: the code and what runs it (CI, infrastructure,
 * manifests), then tests, then other files, then docs. Lockfiles, generated files and binaries are never sent: nobody
 * wrote their lines, and they would crowd out the files somebody did.
 */
export function readingRank(file: ChangedFile, added: readonly PatchLine[]): ReadingRank {
  if (file.binary) return { never: "binary file" };
  if (isLockfile(file.path)) return { never: "lockfile" };
  if (isGenerated(file.path) || isGeneratedFile(file.path, added)) return { never: "generated file" };
  if (file.unreadable) return { never: `diff not read: ${file.unreadable}` };
  // A rename alone has no patch and nothing to leave out; any other change without one was too large to be given.
  if (file.patch === undefined && file.additions + file.deletions > 0) return { never: "diff too large to be given" };
  if (isTest(file.path)) return { rank: 1 };
  if (isCode(file.path) || isCiInfra(file.path) || MANIFESTS.has(baseName(file.path))) return { rank: 0 };
  return { rank: DOCS.test(file.path) ? 3 : 2 };
}
