import type { OpenPull, OtherPulls } from "../../src/analyse/contention/index.js";
import { createMemoryChange } from "../../src/gather/memory-change.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { renderText } from "../../src/report/render-text.js";
import { reviewChange, type ReviewInput } from "../../src/review/review-change.js";
import { parseScore } from "../../src/score/parse-score.js";

const SCORE = `version: 1
agents:
  logins: ["devin-ai[bot]"]
  parts:
    - name: copilot
      logins: ["copilot-swe-agent[bot]"]
      modules: [ui, core]
modules:
  - name: core
    paths: ["src/core/**"]
    public: ["src/core/index.ts"]
  - name: ui
    paths: ["src/ui/**"]
`;

const base = {
  "src/core/index.ts": "export const run = () => 1;\n",
  "src/ui/page.ts": 'import { run } from "../core/index";\nexport const page = run;\n',
  "src/ui/button.ts": "export const button = 1;\n",
};
const head = {
  ...base,
  "src/core/index.ts": "export const run = (x = 1) => x;\n",
  "src/ui/button.ts": "export const b = 2;\n",
};

const pull = (
  number: number,
  author: string,
  files: string[] | undefined,
  extra: Partial<OpenPull> = {},
): OpenPull => ({
  number,
  author,
  branch: `work/${number}`,
  labels: [],
  headSha: `sha${number}`,
  updatedAt: "2026-01-01T00:00:00Z",
  ...(files ? { files } : {}),
  filesComplete: true,
  ...extra,
});

const OTHERS: OtherPulls = {
  base: "main",
  more: true,
  pulls: [
    pull(12, "copilot-swe-agent[bot]", ["src/ui/button.ts"], { verdict: "conductor" }),
    pull(13, "@alice<img src=x>", ["src/ui/page.ts"]),
    pull(14, "devin-ai[bot]", ["README.md"]),
    pull(15, "bob", undefined),
  ],
};

async function review(scoreText: string, extra: Partial<ReviewInput> = {}) {
  const parsed = parseScore(scoreText);
  if (!parsed.ok) throw new Error(`bad score: ${JSON.stringify(parsed.problems)}`);
  const { verdict } = await reviewChange({
    score: parsed.score,
    change: createMemoryChange({ base, head }),
    scope: "change",
    authorship: { login: "copilot-swe-agent[bot]" },
    pullNumber: 20,
    ...extra,
  });
  const context = { baseSha: "b", headSha: "h", scope: "change" as const, maestroVersion: "0", scoreSource: "x" };
  return { verdict, markdown: renderMarkdown(verdict, context, []), text: renderText(verdict, context) };
}

describe("a review compared with the other open PRs on its base", () => {
  it("the verdict's JSON names each overlapping PR, its agent, the shared files, modules and API, and the merge order", async () => {
    const { verdict } = await review(SCORE, { others: OTHERS });
    expect(verdict.contention).toEqual([
      {
        pr: 12,
        agent: "copilot",
        author: "copilot-swe-agent[bot]",
        human: false,
        files: ["src/ui/button.ts"],
        modules: ["ui"],
        api: [],
        strength: "strong",
        verdict: "conductor",
      },
      {
        pr: 13,
        agent: "@alice<img src=x>",
        author: "@alice<img src=x>",
        human: true,
        files: [],
        modules: ["ui"],
        api: ["core"],
        strength: "strong",
      },
    ]);
    // #12 and #13 each overlap only this PR strongly; this PR overlaps both: it goes last.
    expect(verdict.orchestra).toEqual({
      base: "main",
      modules: ["core", "ui"],
      compared: 3,
      more: true,
      unread: [15],
      partial: [],
      mergeOrder: [12, 13, 20],
    });
  });

  it("the risk carries the contention signal: 12 for the API moving under #13, plus half of #12's shared file", async () => {
    const { verdict } = await review(SCORE, { others: OTHERS });
    expect(verdict.risk.signals.find((s) => s.id === "contention")).toEqual({
      id: "contention",
      points: 17,
      detail:
        "overlaps 2 other open PRs: #12 (copilot): same file src/ui/button.ts; #13 (@alice<img src=x>): public API of core moves under an importer",
      file: "src/ui/button.ts",
    });
  });

  it("the summary's Other instruments section lists each PR, its verdict, the merge order and its rule, and the limits", async () => {
    const { markdown } = await review(SCORE, { others: OTHERS });
    const section = markdown.slice(markdown.indexOf("### Other instruments"));
    expect(section).toContain(
      "| #12 | `copilot` by `copilot-swe-agent[bot]` | 🟡 conductor | files `src/ui/button.ts` · modules `ui` |",
    );
    expect(section).toContain(
      "| #13 | `@alice<img src=x>` (human) | not judged yet | modules `ui` · API of `core` moves under an importer |",
    );
    expect(section).toContain(
      "Suggested merge order: #12 → #13 → this PR (#20): the PR whose merge invalidates fewer of the open PRs (by a shared file or a moving public API) goes first; then the one with fewer changed files, then the older one.",
    );
    expect(section).toContain("Compared 3 other open PRs on `main`.");
    expect(section).toContain("More open PRs exist: only the 50 most recently updated were compared.");
    expect(section).toContain("Not read, their overlap is unknown: #15.");
    // A login is another PR's text: outside a code span it would mention someone or render HTML.
    expect(section.replace(/`[^`]*`/g, "")).not.toMatch(/@alice|<img/);
  });

  it("the text output has the same section", async () => {
    const { text } = await review(SCORE, { others: OTHERS });
    expect(text).toContain("Other instruments: 2 of the 3 other open PRs on main overlap");
    expect(text).toContain(
      "  #12  copilot by copilot-swe-agent[bot]  🟡 conductor  files src/ui/button.ts; modules ui",
    );
    expect(text).toContain("  merge order: #12 → #13 → this PR (#20)");
  });

  it("the PR under review, listed among the others, is not compared with itself: no other PR read, no section", async () => {
    const { verdict, markdown } = await review(SCORE, {
      others: { base: "main", more: false, pulls: [pull(20, "copilot-swe-agent[bot]", ["src/ui/button.ts"])] },
    });
    expect(verdict.contention).toEqual([]);
    expect(verdict.orchestra?.compared).toBe(0);
    expect(markdown).not.toContain("Other instruments");
  });

  it("other PRs read, none overlapping: one line says so, and no signal", async () => {
    const { verdict, markdown } = await review(SCORE, {
      others: { base: "main", more: false, pulls: [pull(14, "devin-ai[bot]", ["README.md"])] },
    });
    expect(verdict.contention).toEqual([]);
    expect(verdict.risk.signals.map((s) => s.id)).not.toContain("contention");
    expect(markdown).toContain("### Other instruments\n\nNo overlap with the 1 other open PR on `main`.");
  });

  it("no other PRs read (a CLI run): no contention, no orchestra, no section", async () => {
    const { verdict, markdown, text } = await review(SCORE);
    expect(verdict).not.toHaveProperty("contention");
    expect(verdict).not.toHaveProperty("orchestra");
    expect(markdown).not.toContain("Other instruments");
    expect(text).not.toContain("Other instruments");
  });

  it("contention.enabled: false compares nothing, even with other PRs read", async () => {
    const { verdict, markdown } = await review(`${SCORE}contention: { enabled: false }\n`, { others: OTHERS });
    expect(verdict).not.toHaveProperty("contention");
    expect(verdict).not.toHaveProperty("orchestra");
    expect(verdict.risk.signals.map((s) => s.id)).not.toContain("contention");
    expect(markdown).not.toContain("Other instruments");
  });

  it("the second reader is told the risk with contention in it", async () => {
    let told: readonly string[] = [];
    const { verdict } = await review(`${SCORE}llm: { enabled: true, when: always }\n`, {
      others: OTHERS,
      secondReader: async (request) => {
        told = request.rules.signals.map((s) => s.id);
        return { kind: "unavailable", reason: "test" };
      },
    });
    expect(told).toContain("contention");
    expect(verdict.risk.signals.map((s) => s.id)).toContain("contention");
    expect(verdict.contention?.map((c) => c.pr)).toEqual([12, 13]);
  });
});
