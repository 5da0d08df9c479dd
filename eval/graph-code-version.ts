import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The folders of the built code whose output a commit graph is: how imports are read, resolved and gathered. */
const GRAPH_CODE = ["src/analyse/conformance", "src/gather", "src/shared"];

/**
 * A short hash of the built code that makes commit graphs. The evaluation keeps its graphs on disk
 * between runs, and Maestro's GRAPH_FORMAT is not always bumped when resolution changes (a tsconfig
 * base read that was not before): a cache keyed by this hash is never read by other code.
 */
export function graphCodeVersion(distRoot: string): string {
  const hash = createHash("sha256");
  for (const folder of GRAPH_CODE) {
    const files = readdirSync(join(distRoot, folder), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".js"))
      .sort();
    for (const file of files) hash.update(`${folder}/${file}\0`).update(readFileSync(join(distRoot, folder, file)));
  }
  return hash.digest("hex").slice(0, 12);
}
