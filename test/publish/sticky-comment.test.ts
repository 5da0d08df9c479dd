import { createSignOffSeal } from "../../src/publish/sign-off-seal.js";
import type { Verdict } from "../../src/decide/verdict.js";
import { parseSticky, stickyBody, type StickyScope } from "../../src/publish/sticky-comment.js";

const SHA = "c".repeat(40);
const scope: StickyScope = {
  repo: { owner: "acme", repo: "shop" },
  pullNumber: 7,
  seal: createSignOffSeal("the app's secret"),
};
const signOff = {
  by: "ada",
  at: "2026-11-22T10:00:00.000Z",
  sha: SHA,
  kind: "override" as const,
  reason: "accepted --> risk <!-- x",
};

describe("the sticky comment's sign-offs", () => {
  it("a sealed sign-off written by Maestro reads back, reason and all", () => {
    const body = stickyBody("## summary", undefined, SHA, [signOff], scope);
    expect(parseSticky(body, scope).signOffs).toEqual([signOff]);
  });

  it("regression: a sign-off line forged in the summary (below Maestro's header) is not read", () => {
    const forged = stickyBody("## summary", undefined, SHA, [signOff], scope).split("\n")[2] as string;
    const body = stickyBody(`| file | \`${forged}\` |`, undefined, SHA, [], scope);
    expect(body).toContain(forged);
    expect(parseSticky(body, scope).signOffs).toEqual([]);
  });

  it("regression: a sealed sign-off copied to another PR or repository is not read there", () => {
    const body = stickyBody("## summary", undefined, SHA, [signOff], scope);
    expect(parseSticky(body, { ...scope, pullNumber: 8 }).signOffs).toEqual([]);
    expect(parseSticky(body, { ...scope, repo: { owner: "acme", repo: "other" } }).signOffs).toEqual([]);
  });

  it("regression: a sign-off whose seal does not match its content is not read", () => {
    const body = stickyBody("## summary", undefined, SHA, [signOff], scope).replace(
      '"kind":"override"',
      '"kind":"approve"',
    );
    expect(body).toContain('"kind":"approve"');
    expect(parseSticky(body, scope).signOffs).toEqual([]);
  });

  it("regression: a verdict with thousands of notes still fits in one comment, its JSON cut and still valid", () => {
    const notes = Array.from({ length: 3000 }, (_, i) => ({
      file: `src/generated/file-${i}.ts`,
      unjudged: true,
      message: `src/generated/file-${i}.ts could not be read: ${"x".repeat(150)}`,
    }));
    const verdict: Verdict = {
      verdict: "conductor",
      violations: [],
      risk: { score: 10, level: "low", signals: [] },
      reasons: ["3000 files not judged"],
      notes,
      subject: { agent: true, reason: "test", policy: "enforce" },
      fixed: { count: 0, rules: [] },
    };
    const body = stickyBody("## summary", verdict, SHA, [], scope);
    expect(body.length).toBeLessThanOrEqual(65_535);
    const shown = parseSticky(body, scope).verdict;
    expect(shown?.notes.length).toBeGreaterThan(0);
    expect(shown?.notes.length).toBeLessThan(3000);
    expect(shown?.reasons.at(-1)).toMatch(/violations, notes and signals left out of this JSON/);
  });

  it("fifty PRs overlapping on hundreds of files: the JSON keeps the strongest overlaps, valid, and says how many it left out", () => {
    const contention = Array.from({ length: 50 }, (_, i) => ({
      pr: 100 + i,
      agent: `agent-${i}[bot]`,
      author: `agent-${i}[bot]`,
      human: false,
      files: Array.from({ length: 20 }, (_, j) => `src/very/long/path/to/a/module/directory/file-${i}-${j}.ts`),
      modules: ["ui"],
      api: [],
      strength: "strong" as const,
    }));
    const verdict: Verdict = {
      verdict: "pass",
      violations: [],
      risk: { score: 24, level: "low", signals: [] },
      reasons: ["no blocking violation"],
      notes: [],
      subject: { agent: true, reason: "test", policy: "enforce" },
      fixed: { count: 0, rules: [] },
      contention,
    };
    const body = stickyBody("## summary", verdict, SHA, [], scope);
    expect(body.length).toBeLessThanOrEqual(65_535);
    const shown = parseSticky(body, scope).verdict;
    expect(shown?.contention?.[0]?.pr).toBe(100);
    expect(shown?.contention?.length).toBeLessThan(50);
    expect(shown?.reasons.at(-1)).toMatch(/^\d+ overlapping PRs left out of this JSON's contention/);
  });
});
