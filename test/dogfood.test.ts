import { snapshotWorkTree } from "../src/gather/git/snapshot-work-tree.js";
import { checkJson } from "./helpers/git-repo.js";

const root = new URL("..", import.meta.url).pathname;

describe("Maestro checks its own architecture", () => {
  it("`maestro check --all` passes on this repository's work tree, judged by its own score", async () => {
    const head = await snapshotWorkTree(root);
    const { code, verdict } = await checkJson(root, "--all", "--head", head, "--score", ".github/maestro.yml");
    expect(verdict.violations).toEqual([]);
    expect(verdict.verdict).toBe("pass");
    expect(code).toBe(0);
  });
});
