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
    expect(notes).toEqual([expect.objectContaining({ file: "package.json", unjudged: true, message: expect.stringMatching(/^a workspace glob was not used: /) })]);
  });
});
