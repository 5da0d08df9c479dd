import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The README's layout is how a reader finds their way: it names every folder of src/ and only folders
// that exist, and the files it points to by name are there.
const root = new URL("../..", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");
const layout = /## Layout: the folders are the pipeline\n+```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

function folders(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [`${dir}/${entry.name}/`, ...folders(`${dir}/${entry.name}`)]);
}

const listed = layout
  .split("\n")
  .map((line) => /^(src\/\S*\/)\s/.exec(line)?.[1])
  .filter((folder): folder is string => folder !== undefined);

test("the README's layout lists every folder under src/", () => {
  expect(listed.sort()).toEqual(folders("src").sort());
});

test("every file the layout names by name exists in src/", () => {
  const named = [...layout.matchAll(/\b([a-z][a-z-]*\.ts)\b/g)].map((m) => m[1] as string);
  const files = new Set(
    readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }).map(
      (path) => path.split("/").pop() as string,
    ),
  );
  expect(named.length).toBeGreaterThan(0);
  expect(named.filter((name) => !files.has(name))).toEqual([]);
  expect(existsSync(join(root, "src/app/run-review.ts"))).toBe(true);
});
