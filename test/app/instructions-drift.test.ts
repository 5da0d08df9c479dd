import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMAIN_INFRA_SCORE } from "../fixtures/scores.js";
import { createEmulatedApp, type EmulatedApp } from "../helpers/emulated-app.js";
import { maestro } from "../helpers/git-repo.js";

/**
 * The app notices agent instructions that drifted from the score: a PR whose base has an AGENTS.md (or
 * .github/copilot-instructions.md) section written from another score gets a note in its summary with the command that
 * refreshes it. Against the GitHub emulator, Maestro's app in-process.
 */
let app: EmulatedApp;
beforeAll(async () => {
  app = await createEmulatedApp({
    ".github/maestro.yml": DOMAIN_INFRA_SCORE,
    "src/domain/a.ts": "export const a = 1;\n",
    "src/infra/db.ts": "export const db = 1;\n",
  });
}, 30_000);
afterAll(async () => {
  expect(app.github.mismatches).toEqual([]);
  await app.stop();
});

/** Commits `files` straight onto main, the PRs' base. */
const commitToMain = (files: Record<string, string>) => {
  app.repo.write(files);
  app.repo.commit("instructions");
};

const STALE_NOTE =
  /`AGENTS\.md` tells agents the rules of another score \(its Maestro section was written from score 000000000000; the base's score is [0-9a-f]{12}\): `npx maestro agents-md` refreshes it\./;

describe("agent instructions that drifted from the score", () => {
  it("a base without AGENTS.md gets no note", async () => {
    const pr = await app.reviewedPull({ "src/infra/db.ts": "export const db = 2;\n" });
    const summary = app.latest(pr.sha)?.output?.summary ?? "";
    expect(summary).toContain("Maestro: pass");
    expect(summary).not.toContain("AGENTS.md");
  });

  it("a base whose AGENTS.md section names another score gets the note, in the summary and the comment, and a broken copilot-instructions section is named", async () => {
    commitToMain({
      "AGENTS.md":
        "# Agents\n\n<!-- maestro:agents begin score=000000000000 -->\nold rules\n<!-- maestro:agents end -->\n",
      ".github/copilot-instructions.md": "<!-- maestro:agents begin score=000000000000 -->\nold rules, no end\n",
    });
    const before = app.github.requests.length;
    const pr = await app.reviewedPull({ "src/infra/db.ts": "export const db = 3;\n" });
    const run = app.latest(pr.sha);
    expect(run?.conclusion).toBe("success");
    expect(run?.output?.summary).toMatch(STALE_NOTE);
    expect(run?.output?.summary).toContain(
      "`.github/copilot-instructions.md`: Maestro's section has a start marker without an end marker (line 1); fix them by hand, then `npx maestro agents-md --copilot` refreshes the section.",
    );
    expect(app.sticky(pr.number)).toMatch(STALE_NOTE);
    // The base's instructions come with its snapshot: no request of their own.
    expect(app.github.requests.slice(before).filter((r) => /\/contents\/(AGENTS|\.github)/.test(r.path))).toEqual([]);
  });

  it("a base whose sections `maestro agents-md` wrote from its score gets no note", async () => {
    commitToMain({ ".github/copilot-instructions.md": "" });
    expect((await maestro(app.repo.dir, "agents-md", "--copilot", "--file", "AGENTS.md")).code).toBe(0);
    expect(readFileSync(join(app.repo.dir, "AGENTS.md"), "utf8")).not.toContain("000000000000");
    app.repo.commit("refresh the agents' instructions");
    const pr = await app.reviewedPull({ "src/infra/db.ts": "export const db = 4;\n" });
    const summary = app.latest(pr.sha)?.output?.summary ?? "";
    expect(summary).toContain("Maestro: pass");
    expect(summary).not.toContain("AGENTS.md");
    expect(summary).not.toContain("copilot-instructions");
  });
});
