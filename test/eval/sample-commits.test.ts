import { sampleCommits } from "../../eval/sample-commits.js";

const window = Array.from({ length: 1000 }, (_, i) => `c${String(i).padStart(3, "0")}`);
const fixInducing = new Set(window.filter((_, i) => i % 20 === 0));
const reverted = new Set(["c005", "c013", "c020"]);

describe("sampleCommits", () => {
  it("draws the same commits for the same seed, and others for another", () => {
    const a = sampleCommits({ window, fixInducing, reverted, cap: 8, seed: 42 });
    expect(sampleCommits({ window, fixInducing, reverted, cap: 8, seed: 42 })).toEqual(a);
    expect(sampleCommits({ window, fixInducing, reverted, cap: 8, seed: 43 })).not.toEqual(a);
    expect(sampleCommits({ window, fixInducing, reverted, cap: 8, seed: "theia" })).toEqual(
      sampleCommits({ window, fixInducing, reverted, cap: 8, seed: "theia" }),
    );
  });

  it("takes every labelled commit and ten times as many others from the window", () => {
    const sample = sampleCommits({ window, fixInducing, reverted, seed: 1 });
    expect(sample.labelled).toEqual(window.filter((sha) => fixInducing.has(sha) || reverted.has(sha)));
    expect(sample.others).toHaveLength(sample.labelled.length * 10);
    for (const sha of sample.others) {
      expect(window).toContain(sha);
      expect(fixInducing.has(sha) || reverted.has(sha)).toBe(false);
    }
    expect(new Set(sample.others).size).toBe(sample.others.length);
  });

  it("caps the labelled commits, drawing the reverted ones first up to half the cap", () => {
    const sample = sampleCommits({ window, fixInducing, reverted, cap: 8, seed: 1 });
    expect(sample.labelled).toHaveLength(8);
    expect(sample.labelled.filter((sha) => reverted.has(sha))).toHaveLength(3);
    expect(sample.others).toHaveLength(80);
  });

  it("lists the sample in history order", () => {
    const sample = sampleCommits({ window, fixInducing, reverted, cap: 8, seed: 5 });
    expect(sample.others).toEqual([...sample.others].sort());
    expect(sample.labelled).toEqual([...sample.labelled].sort());
  });

  it("takes all the others when the window has fewer than ten per labelled commit", () => {
    const small = window.slice(0, 40);
    const sample = sampleCommits({ window: small, fixInducing, reverted, seed: 1 });
    expect(sample.labelled.length + sample.others.length).toBe(40);
  });
});
