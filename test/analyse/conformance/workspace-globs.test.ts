import { findWorkspacePackages } from "../../../src/analyse/conformance/workspaces.js";
import type { Note } from "../../../src/analyse/note.js";

describe("workspace globs written by the change", () => {
  it("regression: a backtracking many-star workspace glob is not run; the verdict says its packages were not linked", () => {
    const notes: Note[] = [];
    const configs = new Map([
      ["package.json", JSON.stringify({ workspaces: ["packages/*", "**/*a*a*a*a*a*a*a*b"] })],
      ["packages/ui/package.json", JSON.stringify({ name: "@acme/ui" })],
    ]);
    const packages = findWorkspacePackages(configs, (note) => notes.push(note));
    expect([...packages]).toEqual([["@acme/ui", "packages/ui"]]);
    expect(notes).toEqual([
      expect.objectContaining({
        file: "package.json",
        unjudged: true,
        message: expect.stringMatching(/^a workspace glob was not used: /),
      }),
    ]);
  });
});

describe("workspace lists as npm, yarn and pnpm write them", () => {
  const member = { "packages/ui/package.json": JSON.stringify({ name: "@acme/ui" }) };
  const linked = [["@acme/ui", "packages/ui"]];

  it.each([
    ["npm's list", { "package.json": JSON.stringify({ workspaces: ["packages/*"] }) }, linked],
    [
      "yarn's { packages, nohoist }",
      { "package.json": JSON.stringify({ workspaces: { packages: ["packages/*"], nohoist: ["**/react"] } }) },
      linked,
    ],
    ["no workspaces field", { "package.json": JSON.stringify({ name: "root" }) }, []],
    ["pnpm's packages: list", { "pnpm-workspace.yaml": "packages:\n  - packages/*\n" }, linked],
    ["pnpm's bare list", { "pnpm-workspace.yaml": "- packages/*\n" }, linked],
    ["an empty pnpm-workspace.yaml", { "pnpm-workspace.yaml": "" }, []],
    ["pnpm settings only (pnpm 10)", { "pnpm-workspace.yaml": "onlyBuiltDependencies:\n  - esbuild\n" }, []],
  ])("%s: linked as listed, nothing said", (_what, files, packages) => {
    const notes: Note[] = [];
    expect([
      ...findWorkspacePackages(new Map(Object.entries({ ...files, ...member })), (note) => notes.push(note)),
    ]).toEqual(packages);
    expect(notes).toEqual([]);
  });

  it.each([
    ["package.json", "[]", /^package\.json is not a valid JSON object: its workspace packages were not linked/],
    ["package.json", "null", /^package\.json is not a valid JSON object/],
    ["package.json", JSON.stringify({ workspaces: null }), /^package\.json "workspaces" is not a list of folder globs/],
    ["package.json", JSON.stringify({ workspaces: {} }), /^package\.json "workspaces" is not a list of folder globs/],
    [
      "package.json",
      JSON.stringify({ workspaces: ["packages/*", 3] }),
      /^package\.json "workspaces" is not a list of folder globs/,
    ],
    [
      "package.json",
      JSON.stringify({ workspaces: { packages: "packages/*" } }),
      /^package\.json "workspaces" is not a list of folder globs/,
    ],
    ["pnpm-workspace.yaml", "packages: ~\n", /^pnpm-workspace\.yaml "packages" is not a list of folder globs/],
    ["pnpm-workspace.yaml", "packages:\n  - 3\n", /^pnpm-workspace\.yaml "packages" is not a list of folder globs/],
    ["pnpm-workspace.yaml", "42\n", /^pnpm-workspace\.yaml "packages" is not a list of folder globs/],
  ])("a malformed %s (%j) links nothing and is named unjudged, never a crash", (file, text, message) => {
    const notes: Note[] = [];
    expect([
      ...findWorkspacePackages(new Map([[file, text], ...Object.entries(member)]), (note) => notes.push(note)),
    ]).toEqual([]);
    expect(notes).toEqual([{ file, unjudged: true, message: expect.stringMatching(message) }]);
  });

  it.each([["[]"], [JSON.stringify({ name: 3 })], [JSON.stringify({ name: "" })]])(
    "a member package.json with no usable name (%s) is not linked",
    (text) => {
      const configs = new Map([
        ["package.json", JSON.stringify({ workspaces: ["packages/*"] })],
        ["packages/ui/package.json", text],
      ]);
      expect([...findWorkspacePackages(configs)]).toEqual([]);
    },
  );
});
