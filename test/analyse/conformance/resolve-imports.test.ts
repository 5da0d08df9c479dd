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

  it("survives a tsconfig that is not JSON, and says so", () => {
    const files: Record<string, string> = { "tsconfig.json": "{ not json", "a.ts": "", "b.ts": "" };
    const notes: unknown[] = [];
    const resolve = createResolver(Object.keys(files), new Map(Object.entries(files)), (note) => notes.push(note));
    expect(resolve("a.ts", "./b")).toEqual({ kind: "file", path: "b.ts" });
    expect(notes).toEqual([expect.objectContaining({ file: "tsconfig.json", unjudged: true })]);
  });
});
