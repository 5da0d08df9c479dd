import type { Note } from "../../../src/analyse/note.js";
import { createResolver } from "../../../src/analyse/conformance/resolve-imports.js";

/** A resolver over `files`, and the notes it reported. */
function resolver(files: Record<string, string>) {
  const notes: Note[] = [];
  const resolve = createResolver(Object.keys(files), new Map(Object.entries(files)), (note) => notes.push(note));
  return { resolve, notes };
}

describe("imports that used to resolve to nothing, silently", () => {
  it('"." and ".." resolve to the folder\'s index file (TypeScript asks for the folder with a trailing slash)', () => {
    const { resolve, notes } = resolver({ "src/index.ts": "", "src/lib/index.ts": "", "src/lib/a.ts": "" });
    expect(resolve("src/lib/a.ts", ".")).toEqual({ kind: "file", path: "src/lib/index.ts" });
    expect(resolve("src/lib/a.ts", "..")).toEqual({ kind: "file", path: "src/index.ts" });
    expect(resolve("src/lib/a.ts", "./")).toEqual({ kind: "file", path: "src/lib/index.ts" });
    expect(notes).toEqual([]);
  });

  it("a relative import of a file TypeScript does not resolve (a stylesheet) is an edge to that file", () => {
    const { resolve } = resolver({ "src/app/page.ts": "", "src/theme/site.css": "" });
    expect(resolve("src/app/page.ts", "../theme/site.css")).toEqual({ kind: "file", path: "src/theme/site.css" });
    expect(resolve("src/app/page.ts", "../theme/gone.css")).toEqual({ kind: "unresolved" });
  });
});

describe("broken resolution configs are reported, never a silent fallback", () => {
  const aliased = { "src/domain/user.ts": "", "src/app/x.ts": "" };
  const paths = { compilerOptions: { baseUrl: ".", paths: { "@domain/*": ["src/domain/*"] } } };

  it("a tsconfig.json that does not parse: named with where it stopped", () => {
    const { resolve, notes } = resolver({
      ...aliased,
      "tsconfig.json": `{\n  "compilerOptions": {\n    "baseUrl": "."\n    "paths": {}\n  }\n}\n`,
    });
    expect(resolve("src/app/x.ts", "@domain/user")).toEqual({ kind: "package", name: "@domain/user" });
    expect(notes).toEqual([
      {
        file: "tsconfig.json",
        unjudged: true,
        message:
          "tsconfig.json does not parse (',' expected at tsconfig.json:4:5): imports under it were resolved without it, so an alias may pass for a package and escape every boundary",
      },
    ]);
  });

  it("a relative `extends` that is missing, or does not parse", () => {
    const missing = resolver({ ...aliased, "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json" }) });
    missing.resolve("src/app/x.ts", "@domain/user");
    expect(missing.notes).toEqual([
      expect.objectContaining({
        file: "tsconfig.json",
        unjudged: true,
        message: expect.stringContaining("tsconfig.json: Cannot read file 'tsconfig.base.json'"),
      }),
    ]);

    const broken = resolver({
      ...aliased,
      "tsconfig.json": JSON.stringify({ extends: "./base.json" }),
      "base.json": `{ "compilerOptions": { "paths": `,
    });
    expect(broken.resolve("src/app/x.ts", "@domain/user")).toEqual({ kind: "package", name: "@domain/user" });
    expect(broken.notes).toEqual([
      expect.objectContaining({
        file: "tsconfig.json",
        unjudged: true,
        message: expect.stringMatching(
          /^tsconfig\.json: Expression expected at base\.json:1:32; .*: imports under it were resolved without it/,
        ),
      }),
    ]);
  });

  it("a bad value of an option that steers resolution is a problem; a `target` newer than our TypeScript is not", () => {
    const bad = resolver({
      ...aliased,
      "tsconfig.json": JSON.stringify({ compilerOptions: { ...paths.compilerOptions, moduleResolution: "node99" } }),
    });
    bad.resolve("src/app/x.ts", "./y");
    expect(bad.notes).toEqual([
      expect.objectContaining({
        unjudged: true,
        message: expect.stringContaining("'--moduleResolution' option must be"),
      }),
    ]);

    const fine = resolver({
      ...aliased,
      "tsconfig.json": JSON.stringify({ compilerOptions: { ...paths.compilerOptions, target: "es2099" }, files: [] }),
    });
    expect(fine.resolve("src/app/x.ts", "@domain/user")).toEqual({ kind: "file", path: "src/domain/user.ts" });
    expect(fine.notes).toEqual([]);
  });

  it("a shared base from node_modules is said, but judged with what the repository holds", () => {
    const { resolve, notes } = resolver({
      ...aliased,
      "tsconfig.json": JSON.stringify({ extends: "@tsconfig/node20/tsconfig.json", ...paths }),
    });
    expect(resolve("src/app/x.ts", "@domain/user")).toEqual({ kind: "file", path: "src/domain/user.ts" });
    expect(notes).toEqual([
      expect.objectContaining({
        file: "tsconfig.json",
        unjudged: false,
        message: expect.stringContaining('extends "@tsconfig/node20/tsconfig.json", a package Maestro does not read'),
      }),
    ]);
  });

  const workspace = {
    "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", main: "index.ts" }),
    "packages/shared/index.ts": "",
    "apps/web/page.ts": "",
  };

  it.each([
    [
      "pnpm-workspace.yaml",
      "packages:\n  - [packages/*\n",
      /^pnpm-workspace\.yaml does not parse \(.* at line 3, column 1\): its workspace packages were not linked/,
    ],
    ["pnpm-workspace.yaml", "packages: packages/*\n", /^pnpm-workspace\.yaml "packages" is not a list of folder globs/],
    ["package.json", `{ "workspaces": ["packages/*"], }`, /^package\.json is not a valid JSON object/],
    [
      "package.json",
      JSON.stringify({ workspaces: "packages/*" }),
      /^package\.json "workspaces" is not a list of folder globs/,
    ],
  ])("a broken %s: %j", (file, text, message) => {
    const { resolve, notes } = resolver({ ...workspace, [file]: text });
    expect(resolve("apps/web/page.ts", "@acme/shared")).toEqual({ kind: "package", name: "@acme/shared" });
    expect(notes).toEqual([{ file, unjudged: true, message: expect.stringMatching(message) }]);
  });

  it("a workspace member whose package.json does not parse", () => {
    const { resolve, notes } = resolver({
      ...workspace,
      "package.json": JSON.stringify({ workspaces: ["packages/*"] }),
      "packages/shared/package.json": "{ name: shared",
    });
    expect(resolve("apps/web/page.ts", "@acme/shared")).toEqual({ kind: "package", name: "@acme/shared" });
    expect(notes).toEqual([expect.objectContaining({ file: "packages/shared/package.json", unjudged: true })]);
  });

  it("pnpm settings with no `packages:` are not a problem", () => {
    const { resolve, notes } = resolver({
      ...workspace,
      "pnpm-workspace.yaml": "onlyBuiltDependencies:\n  - esbuild\n",
    });
    resolve("apps/web/page.ts", "react");
    expect(notes).toEqual([]);
  });
});
