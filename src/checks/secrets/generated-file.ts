import type { PatchLine } from "../risk-facts.js";

const SOURCE_MAP = /\.map$/;
const MINIFIED_NAME = /\.min\.(?:[cm]?js|css)$/;
/** What a build writes into its output folder; other files there (a `.env`, a `.ts`) are sources and read as such. */
const BUILD_OUTPUT = /(?:^|\/)(?:dist|build)\/(?:.*\/)?[^/]+\.(?:[cm]?js|css)$/;
const SCRIPT = /\.(?:[cm]?js|css)$/;
/** Characters per added line past which a script is a minified bundle: people do not write lines this long. */
const MINIFIED_LINE = 500;

/**
 * Whether a file is a build's output rather than something a person wrote: a source map, a minified bundle, a script
 * in a `dist/` or `build/` folder. Its long lines are full of random-looking runs and repeat its sources, so only a
 * verified key format counts there.
 */
export function isGeneratedFile(path: string, added: readonly PatchLine[]): boolean {
  if (SOURCE_MAP.test(path) || MINIFIED_NAME.test(path) || BUILD_OUTPUT.test(path)) return true;
  if (!SCRIPT.test(path) || added.length === 0) return false;
  return added.reduce((chars, { text }) => chars + text.length, 0) / added.length > MINIFIED_LINE;
}
