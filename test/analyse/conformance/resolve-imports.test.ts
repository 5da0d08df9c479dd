import { createResolver } from "../../../src/analyse/conformance/resolve-imports.js";

function resolver(files: Record<string, string>) {
  return createResolver(Object.keys(files), new Map(Object.entries(files)), (note) => {
    throw new Error(`unexpected note: ${note.message}`);
  });
}

describe("createResolver", () => {
  it("resolves relative imports, index files and `.js` written for `.ts`", () => {
    const resolve = resolver({ "src/a.ts": "", "src/lib/index.ts": "", "src/b.ts": "", "src/c.tsx": "" });
    expect(resolve("src/a.ts", "./lib")).toEqual({ kind: "file", path: "src/lib/index.ts" });
    expect(resolve("src/a.ts", "./b.js")).toEqual({ kind: "file", path: "src/b.ts" });
    expect(resolve("src/a.ts", "./c")).toEqual({ kind: "file", path: "src/c.tsx" });
    expect(resolve("src/a.ts", "./missing")).toEqual({ kind: "unresolved" });
    expect(resolve("src/a.ts", "react")).toEqual({ kind: "package", name: "react" });
  });

  it("knows every folder of the tree, whatever order it is listed in: folders of the same name length follow each other", () => {
    // A tree listed in folder order, then the same files shuffled: each folder must be seen for its files to resolve.
    const listed = ["ab/x.ts", "cd/y.ts", "cd/deep/z.ts", "ef/w.ts", "main.ts"];
    for (const tree of [listed, [...listed].reverse()]) {
      const resolve = createResolver(tree, new Map(), () => undefined);
      for (const [specifier, path] of [
        ["./ab/x", "ab/x.ts"],
        ["./cd/y", "cd/y.ts"],
        ["./cd/deep/z", "cd/deep/z.ts"],
        ["./ef/w", "ef/w.ts"],
      ] as const)
        expect(resolve("main.ts", specifier)).toEqual({ kind: "file", path });
    }
  });

  it("follows tsconfig `paths` and `baseUrl`, through `extends`", () => {
    const resolve = resolver({
      "tsconfig.base.json": JSON.stringify({
        compilerOptions: { baseUrl: ".", paths: { "@domain/*": ["src/domain/*"] } },
      }),
      "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: { strict: true } }),
      "src/domain/user.ts": "",
      "src/app/x.ts": "",
      "src/shared/util.ts": "",
    });
    expect(resolve("src/app/x.ts", "@domain/user")).toEqual({ kind: "file", path: "src/domain/user.ts" });
    expect(resolve("src/app/x.ts", "src/shared/util")).toEqual({ kind: "file", path: "src/shared/util.ts" });
  });

  it("uses NodeNext's rules where the tsconfig asks for them", () => {
    const resolve = resolver({
      "package.json": JSON.stringify({ type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }),
      "src/a.ts": "",
      "src/b.ts": "",
    });
    expect(resolve("src/a.ts", "./b.js")).toEqual({ kind: "file", path: "src/b.ts" });
    // NodeNext wants the extension; the edge is real all the same
    expect(resolve("src/a.ts", "./b")).toEqual({ kind: "file", path: "src/b.ts" });
  });

  it("links npm workspaces and uses each package's own tsconfig", () => {
    const resolve = resolver({
      "package.json": JSON.stringify({ name: "root", workspaces: ["packages/*"] }),
      "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", main: "src/index.ts" }),
      "packages/shared/src/index.ts": "",
      "packages/shared/src/deep/thing.ts": "",
      "packages/web/package.json": JSON.stringify({ name: "@acme/web" }),
      "packages/web/tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "~/*": ["./src/*"] } } }),
      "packages/web/src/page.ts": "",
      "packages/web/src/util.ts": "",
    });
    expect(resolve("packages/web/src/page.ts", "@acme/shared")).toEqual({
      kind: "file",
      path: "packages/shared/src/index.ts",
    });
    expect(resolve("packages/web/src/page.ts", "@acme/shared/src/deep/thing")).toEqual({
      kind: "file",
      path: "packages/shared/src/deep/thing.ts",
    });
    expect(resolve("packages/web/src/page.ts", "~/util")).toEqual({ kind: "file", path: "packages/web/src/util.ts" });
    expect(resolve("packages/shared/src/index.ts", "~/util")).toEqual({ kind: "package", name: "~/util" });
  });

  it("links pnpm workspaces and follows package.json `exports`", () => {
    const resolve = resolver({
      "pnpm-workspace.yaml": "packages:\n  - 'libs/**'\n",
      "libs/core/package.json": JSON.stringify({ name: "core", exports: { ".": "./lib/main.ts" } }),
      "libs/core/lib/main.ts": "",
      "apps/x.ts": "",
    });
    expect(resolve("apps/x.ts", "core")).toEqual({ kind: "file", path: "libs/core/lib/main.ts" });
  });

  describe("workspace packages whose entry points are build output (dist/ not committed)", () => {
    const web = { "packages/web/package.json": JSON.stringify({ name: "@acme/web" }), "packages/web/src/a.ts": "" };
    const workspace = { "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }), ...web };

    it("leads `main`/`types` in dist/ to the source under the tsconfig's rootDir, subpaths included", () => {
      const resolve = resolver({
        ...workspace,
        "packages/core/package.json": JSON.stringify({
          name: "@acme/core",
          main: "dist/index.js",
          types: "dist/index.d.ts",
        }),
        "packages/core/tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: "src" } }),
        "packages/core/src/index.ts": "",
        "packages/core/src/deep/thing.ts": "",
      });
      expect(resolve("packages/web/src/a.ts", "@acme/core")).toEqual({
        kind: "file",
        path: "packages/core/src/index.ts",
      });
      expect(resolve("packages/web/src/a.ts", "@acme/core/dist/deep/thing.js")).toEqual({
        kind: "file",
        path: "packages/core/src/deep/thing.ts",
      });
    });

    it("follows the outDir of a tsconfig.build.json through its extends, with rootDir as tsc infers it", () => {
      const resolve = resolver({
        ...workspace,
        "tsconfig.base.json": JSON.stringify({ compilerOptions: { declaration: true } }),
        "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "lib/index.js" }),
        "packages/core/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json" }),
        "packages/core/tsconfig.build.json": JSON.stringify({
          extends: "./tsconfig.json",
          compilerOptions: { outDir: "lib" },
          include: ["src"],
        }),
        "packages/core/src/index.ts": "",
      });
      expect(resolve("packages/web/src/a.ts", "@acme/core")).toEqual({
        kind: "file",
        path: "packages/core/src/index.ts",
      });
    });

    it("honours `exports` conditions and subpath patterns whatever the importer's moduleResolution", () => {
      const resolve = resolver({
        ...workspace,
        "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs" } }),
        "packages/ui/package.json": JSON.stringify({
          name: "@acme/ui",
          exports: {
            ".": { types: "./lib/types/index.d.ts", import: "./lib/esm/index.mjs" },
            "./*": { types: "./lib/types/*.d.ts", default: "./lib/esm/*.mjs" },
          },
        }),
        "packages/ui/tsconfig.json": JSON.stringify({
          compilerOptions: { composite: true, outDir: "lib/esm", declarationDir: "lib/types", rootDir: "src" },
        }),
        "packages/ui/src/index.ts": "",
        "packages/ui/src/button/button.tsx": "",
        "packages/ui/src/theme.css": "",
        "packages/src-first/package.json": JSON.stringify({
          name: "@acme/src-first",
          exports: { ".": { source: "./src/main.ts", default: "./dist/main.js" } },
        }),
        "packages/src-first/src/main.ts": "",
        "packages/field/package.json": JSON.stringify({
          name: "@acme/field",
          source: "src/entry.ts",
          main: "dist/x.js",
        }),
        "packages/field/src/entry.ts": "",
      });
      const from = "packages/web/src/a.ts";
      expect(resolve(from, "@acme/ui")).toEqual({ kind: "file", path: "packages/ui/src/index.ts" });
      expect(resolve(from, "@acme/ui/button/button")).toEqual({
        kind: "file",
        path: "packages/ui/src/button/button.tsx",
      });
      expect(resolve(from, "@acme/ui/src/theme.css")).toEqual({ kind: "file", path: "packages/ui/src/theme.css" });
      expect(resolve(from, "@acme/src-first")).toEqual({ kind: "file", path: "packages/src-first/src/main.ts" });
      expect(resolve(from, "@acme/field")).toEqual({ kind: "file", path: "packages/field/src/entry.ts" });
    });

    it("a workspace import that leads to no source is unresolved, and says why, once", () => {
      const files: Record<string, string> = {
        ...workspace,
        "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "dist/index.js" }),
        "packages/core/src/index.js": "",
      };
      const notes: unknown[] = [];
      const resolve = createResolver(Object.keys(files), new Map(Object.entries(files)), (note) => notes.push(note));
      expect(resolve("packages/web/src/a.ts", "@acme/core")).toEqual({ kind: "unresolved" });
      expect(resolve("packages/web/src/a.ts", "@acme/core")).toEqual({ kind: "unresolved" });
      expect(resolve("packages/web/src/a.ts", "react")).toEqual({ kind: "package", name: "react" });
      expect(notes).toEqual([
        {
          file: "packages/core/package.json",
          unjudged: false,
          message: expect.stringMatching(
            /^"@acme\/core" \(imported by packages\/web\/src\/a\.ts\) names the workspace package in packages\/core, but leads to no source file: its package.json points "main" at dist\/index\.js, .*no tsconfig at or above packages\/core sets an outDir/,
          ),
        },
      ]);
    });
  });

  it("survives a tsconfig that is not JSON, and says so", () => {
    const files: Record<string, string> = { "tsconfig.json": "{ not json", "a.ts": "", "b.ts": "" };
    const notes: unknown[] = [];
    const resolve = createResolver(Object.keys(files), new Map(Object.entries(files)), (note) => notes.push(note));
    expect(resolve("a.ts", "./b")).toEqual({ kind: "file", path: "b.ts" });
    expect(notes).toEqual([expect.objectContaining({ file: "tsconfig.json", unjudged: true })]);
  });
});
