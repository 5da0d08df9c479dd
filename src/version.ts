import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Maestro's own version, from the package.json above this file (in src/ or in dist/src/). */
export function maestroVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "maestro" && pkg.version) return pkg.version;
    } catch {
      // not here: look one folder up
    }
  }
  return "0.0.0-unknown";
}
