import { checkJson, createRepo, type TestRepo } from "../helpers/git-repo.js";

/**
 * Workspace packages whose entry points are build output that is never committed: a yarn
 * workspaces repository where 5,504 of 5,505 cross-package imports passed for external packages,
 * so `may_use` between packages was never checked, and nothing said so.
 */
const SCORE = `version: 1
modules:
  - name: core
    paths: ["packages/core/**"]
    may_use: []
  - name: ui
    paths: ["packages/ui/**"]
    may_use: [core]
  - name: web
    paths: ["packages/web/**"]
    may_use: [ui]
`;

/** A workspace of core ← ui ← web, committed on main with the score; the test then commits the agent's head. */
function workspaceRepo(files: Record<string, string>): TestRepo {
  const repo = createRepo();
  repo.write({
    ".gitignore": "dist/\nlib/\nnode_modules/\n",
    ".github/maestro.yml": SCORE,
    "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }),
    "packages/web/package.json": JSON.stringify({ name: "@acme/web", private: true }),
    "packages/web/src/app.ts": `import { button } from "@acme/ui";\nexport const app = button;\n`,
    ...files,
  });
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "agent/change");
  return repo;
}

/** web reaching past ui into core: the boundary the score draws between packages. */
const webImportsCore = (specifier: string) => ({
  "packages/web/src/app.ts": `import { button } from "@acme/ui";\nimport { core } from "${specifier}";\nexport const app = button + core;\n`,
});

const builtToDist = (name: string, dir: string) => ({
  [`packages/${dir}/package.json`]: JSON.stringify({
    name,
    main: "dist/index.js",
    types: "dist/index.d.ts",
  }),
  [`packages/${dir}/tsconfig.json`]: JSON.stringify({
    compilerOptions: { outDir: "dist", rootDir: "src", declaration: true },
  }),
});

describe("maestro check on workspace packages built to dist/", () => {
  it("main/types in an uncommitted dist/: a cross-package import is judged against may_use, through outDir → rootDir", async () => {
    const repo = workspaceRepo({
      ...builtToDist("@acme/core", "core"),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      ...builtToDist("@acme/ui", "ui"),
      "packages/ui/src/index.ts": `import { core } from "@acme/core";\nexport const button = core;\n`,
      // What a local build leaves behind: never committed, so never what Maestro reads.
      "packages/core/dist/index.d.ts": `export declare const core = 1;\n`,
    });
    repo.write(webImportsCore("@acme/core"));
    repo.commit("web uses core");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({
        rule: "boundary",
        severity: "error",
        file: "packages/web/src/app.ts",
        line: 2,
        from: "web",
        to: "core",
        specifier: "@acme/core",
      }),
    ]);
    expect(verdict.notes).toEqual([]);
    expect(code).toBe(1);
  });

  it("exports with types/import conditions and subpath patterns, and a tsconfig.build.json: a deep import is judged", async () => {
    const repo = workspaceRepo({
      "packages/core/package.json": JSON.stringify({
        name: "@acme/core",
        type: "module",
        exports: {
          ".": { types: "./lib/types/index.d.ts", import: "./lib/esm/index.js" },
          "./*": { types: "./lib/types/*.d.ts", import: "./lib/esm/*.js" },
        },
      }),
      "packages/core/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true } }),
      "packages/core/tsconfig.build.json": JSON.stringify({
        extends: "./tsconfig.json",
        compilerOptions: { outDir: "lib/esm", declarationDir: "lib/types", declaration: true },
        include: ["src"],
      }),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      "packages/core/src/money/format.ts": `export const format = String;\n`,
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui", exports: { ".": "./src/index.ts" } }),
      "packages/ui/src/index.ts": `import { core } from "@acme/core";\nexport const button = core;\n`,
    });
    repo.write(webImportsCore("@acme/core/money/format"));
    repo.commit("web formats money with core");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: "boundary", from: "web", to: "core", specifier: "@acme/core/money/format" }),
    ]);
    expect(code).toBe(1);
  });

  it("tsconfig paths onto package folders whose main is in dist/: the alias is judged", async () => {
    const repo = workspaceRepo({
      // No workspaces here: the packages are linked by the root tsconfig's paths alone.
      "package.json": JSON.stringify({ private: true }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@acme/*": ["packages/*"] } } }),
      ...builtToDist("@acme/core", "core"),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui", main: "src/index.ts" }),
      "packages/ui/src/index.ts": `export const button = 1;\n`,
    });
    repo.write(webImportsCore("@acme/core"));
    repo.commit("web uses core");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: "boundary", from: "web", to: "core", specifier: "@acme/core" }),
    ]);
    expect(code).toBe(1);
  });

  it("a workspace import that leads to no source file is named unjudged, with why, never taken for a package", async () => {
    const repo = workspaceRepo({
      // Built by babel: nothing says where dist/index.js comes from.
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "dist/index.js" }),
      "packages/core/src/index.js": `export const core = 1;\n`,
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui", source: "src/index.ts", main: "dist/index.js" }),
      "packages/ui/src/index.ts": `export const button = 1;\n`,
    });
    repo.write(webImportsCore("@acme/core"));
    repo.commit("web uses core");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([]);
    expect(verdict.notes).toEqual([
      {
        file: "packages/web/src/app.ts",
        unjudged: true,
        message: `packages/web/src/app.ts: "@acme/core" (line 2) leads to no file in the repository: where it leads was not judged`,
      },
      {
        file: "packages/core/package.json",
        unjudged: false,
        message:
          '"@acme/core" (imported by packages/web/src/app.ts) names the workspace package in packages/core, but leads to no source file: its package.json points "main" at dist/index.js, none of which is in the repository (build output is not committed); no tsconfig at or above packages/core sets an outDir that maps build output back to source. Imports of it were not judged: give packages/core/package.json a "source" field (or a "source" condition in "exports") naming its entry file, or a tsconfig whose outDir and rootDir map its build to its sources',
      },
    ]);
    expect(verdict.verdict).toBe("conductor");
    expect(code).toBe(1);
  });

  it("a deep import whose file an install step writes (theia's core/shared/…/lib/x) is judged at the nearest folder that leads to source, never unjudged", async () => {
    const repo = workspaceRepo({
      ...builtToDist("@acme/core", "core"),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      // Committed stubs re-export other packages; their deeper files are generated at install time.
      "packages/core/shared/inversify/index.d.ts": `export * from "inversify";\n`,
      ...builtToDist("@acme/ui", "ui"),
      "packages/ui/src/index.ts": `export const button = 1;\n`,
    });
    repo.write(webImportsCore("@acme/core/shared/inversify/lib/annotation/inject"));
    repo.commit("web uses core's shared inversify");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({
        rule: "boundary",
        from: "web",
        to: "core",
        specifier: "@acme/core/shared/inversify/lib/annotation/inject",
        introduced: true,
      }),
    ]);
    expect(verdict.notes).toEqual([
      {
        file: "packages/web/src/app.ts",
        unjudged: false,
        message:
          '"@acme/core/shared/inversify/lib/annotation/inject" (imported by packages/web/src/app.ts) names a file of the workspace package in packages/core that is not in the repository (written by a build or install step); it was judged as an import of packages/core/shared/inversify/index.d.ts, the nearest part of the package that leads to source',
      },
    ]);
    expect(verdict.verdict).toBe("block");
    expect(code).toBe(1);
  });

  it("a package.json whose `source` field changes sends the imports of that package back to the resolver", async () => {
    const repo = workspaceRepo({
      ".github/maestro.yml": `version: 1\nmodules:\n  - name: core\n    paths: ["packages/core/**"]\n  - name: web\n    paths: ["packages/web/**"]\n`,
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "dist/index.js" }),
      "packages/core/src/index.ts": `export const core = 1;\n`,
      "packages/web/package.json": JSON.stringify({ name: "@acme/web", main: "src/app.ts" }),
      "packages/web/src/app.ts": `import { core } from "@acme/core";\nexport const app = core;\n`,
    });
    // The change names core's source, and core starts importing web: web's unchanged import of core now closes a loop.
    repo.write({
      "packages/core/package.json": JSON.stringify({
        name: "@acme/core",
        source: "src/index.ts",
        main: "dist/index.js",
      }),
      "packages/core/src/index.ts": `import { app } from "@acme/web";\nexport const core = app;\n`,
    });
    repo.commit("core names its source and uses web");
    const { code, verdict } = await checkJson(repo.dir);
    expect(verdict.violations).toEqual([
      expect.objectContaining({
        rule: "cycle",
        severity: "error",
        file: "packages/core/src/index.ts",
        introduced: true,
      }),
    ]);
    expect(code).toBe(1);
  });
});
