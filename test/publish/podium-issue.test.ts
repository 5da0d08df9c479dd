import { createSignOffSeal } from "../../src/publish/sign-off-seal.js";
import { readSealedPodium, sealPodiumBody } from "../../src/publish/podium-issue.js";
import { applyPodiumEvents, renderPodium } from "../../src/report/podium/index.js";

/**
 * The podium's state decides agents' review_at (trust), and anyone who may edit issues may edit its body: Maestro
 * believes only a state sealed with its own secret, for this repository.
 */
const NOW = new Date("2026-11-22T12:00:00Z");
const repo = { owner: "acme", repo: "shop" };
const seal = createSignOffSeal("the app's secret");
const state = applyPodiumEvents(
  undefined,
  [
    {
      kind: "reviewed",
      pr: 7,
      head: "a".repeat(40),
      agent: "codex",
      author: "codex[bot]",
      human: false,
      verdict: "block",
      risk: 85,
      modules: ["ui"],
      contention: [],
      at: "2026-11-22T11:00:00Z",
    },
  ],
  NOW,
);
const body = sealPodiumBody(renderPodium(state, NOW), repo, seal);

describe("the podium's sealed state", () => {
  it("reads back as written", () => {
    expect(readSealedPodium(body, repo, seal)?.pulls.map((p) => [p.pr, p.verdict, p.everBlocked])).toEqual([
      [7, "block", true],
    ]);
  });

  it("regression: a state edited to clear an agent's blocks is not believed", () => {
    const forged = body
      .replace('"everBlocked":true', '"everBlocked":false')
      .replace('"verdict":"block"', '"verdict":"pass"');
    expect(forged).not.toBe(body);
    expect(readSealedPodium(forged, repo, seal)).toBeUndefined();
  });

  it("regression: a podium copied from another repository, or sealed with another secret, is not believed", () => {
    expect(readSealedPodium(body, { owner: "acme", repo: "other" }, seal)).toBeUndefined();
    expect(readSealedPodium(body, repo, createSignOffSeal("another secret"))).toBeUndefined();
  });

  it("regression: a body saved by GitHub's web editor (CRLF line endings) still reads", () => {
    expect(readSealedPodium(body.replace(/\n/g, "\r\n"), repo, seal)?.pulls).toHaveLength(1);
  });
});
