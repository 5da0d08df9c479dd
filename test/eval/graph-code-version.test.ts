import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { graphCodeVersion } from "../../eval/graph-code-version.js";

function builtTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "maestro-eval-dist-"));
  for (const [path, text] of Object.entries({ "src/gather/.keep.js": "", "src/shared/.keep.js": "", ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("graphCodeVersion", () => {
  const base = { "src/analyse/conformance/resolve-imports.js": "export const a = 1;", "src/report/render.js": "x" };

  it("is the same for the same built code", () => {
    expect(graphCodeVersion(builtTree(base))).toBe(graphCodeVersion(builtTree(base)));
  });

  it("changes when the code that resolves imports changes, so a cached graph is not read by other code", () => {
    const changed = { ...base, "src/analyse/conformance/resolve-imports.js": "export const a = 2;" };
    expect(graphCodeVersion(builtTree(changed))).not.toBe(graphCodeVersion(builtTree(base)));
  });

  it("does not change with code that never makes a graph", () => {
    expect(graphCodeVersion(builtTree({ ...base, "src/report/render.js": "y" }))).toBe(
      graphCodeVersion(builtTree(base)),
    );
  });
});
