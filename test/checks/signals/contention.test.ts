import type { Overlap } from "../../../src/checks/risk-facts.js";
import { signalSeen, type SignalCase } from "./signal-seen.js";

const head = { "src/ui/button.ts": "export const button = 2;\n" };
const base = { "src/ui/button.ts": "export const button = 1;\n" };
const shared = (pr: number, files: string[], agent = "copilot"): Overlap => ({
  pr,
  agent,
  strength: "strong",
  files,
  api: [],
  modules: ["ui"],
  at: files[0] as string,
});
const api: Overlap = {
  pr: 5,
  agent: "alice",
  strength: "strong",
  files: [],
  api: ["core"],
  modules: [],
  at: "src/ui/button.ts",
};
const moduleOnly: Overlap = {
  pr: 9,
  agent: "codex",
  strength: "weak",
  files: [],
  api: [],
  modules: ["ui"],
  at: "src/ui/button.ts",
};

describe("contention: other open PRs that change what this one changes", () => {
  it.each<SignalCase>([
    { name: "no other PRs compared (a CLI run) is quiet", base, head, seen: undefined },
    { name: "other PRs compared, none overlapping, is quiet", base, head, contention: [], seen: undefined },
    {
      name: "one PR sharing a file is 10 points, at the first shared file, naming the PR, its agent and the files",
      base,
      head,
      contention: [shared(3, ["src/ui/button.ts", "src/ui/a.ts", "src/ui/b.ts", "src/ui/c.ts"])],
      seen: {
        points: 10,
        detail:
          "overlaps 1 other open PR: #3 (copilot): same files src/ui/button.ts, src/ui/a.ts, src/ui/b.ts and 1 more",
        file: "src/ui/button.ts",
        evidence: [
          {
            file: "src/ui/button.ts",
            what: "#3 (copilot): same files src/ui/button.ts, src/ui/a.ts, src/ui/b.ts and 1 more",
          },
        ],
      },
    },
    {
      name: "a public API moving under an importer is 12 points",
      base,
      head,
      contention: [api],
      seen: {
        points: 12,
        detail: "overlaps 1 other open PR: #5 (alice): public API of core moves under an importer",
        file: "src/ui/button.ts",
        evidence: [{ file: "src/ui/button.ts", what: "#5 (alice): public API of core moves under an importer" }],
      },
    },
    {
      name: "a module alone is 4 points: far below review_at",
      base,
      head,
      contention: [moduleOnly],
      seen: {
        points: 4,
        detail: "overlaps 1 other open PR: #9 (codex): same module ui",
        file: "src/ui/button.ts",
        evidence: [{ file: "src/ui/button.ts", what: "#9 (codex): same module ui" }],
      },
    },
    {
      name: "each more PR adds half its own (12 + 5 + 2)",
      base,
      head,
      contention: [shared(3, ["src/ui/button.ts"]), api, moduleOnly],
      seen: {
        points: 19,
        detail:
          "overlaps 3 other open PRs: #3 (copilot): same file src/ui/button.ts; #5 (alice): public API of core moves under an importer; #9 (codex): same module ui",
        file: "src/ui/button.ts",
        evidence: [
          { file: "src/ui/button.ts", what: "#3 (copilot): same file src/ui/button.ts" },
          { file: "src/ui/button.ts", what: "#5 (alice): public API of core moves under an importer" },
          { file: "src/ui/button.ts", what: "#9 (codex): same module ui" },
        ],
      },
    },
    {
      name: "capped at 24, and the detail names the first three PRs",
      base,
      head,
      contention: [1, 2, 3, 4, 5].map((n) => shared(n, ["src/ui/button.ts"])),
      seen: {
        points: 24,
        detail:
          "overlaps 5 other open PRs: #1 (copilot): same file src/ui/button.ts; #2 (copilot): same file src/ui/button.ts; #3 (copilot): same file src/ui/button.ts; and 2 more",
        file: "src/ui/button.ts",
        evidence: [1, 2, 3, 4, 5].map((n) => ({
          file: "src/ui/button.ts",
          what: `#${n} (copilot): same file src/ui/button.ts`,
        })),
      },
    },
    {
      name: "risk.weights.contention overrides its points",
      score: "version: 1\nrisk: { weights: { contention: 48 } }\n",
      base,
      head,
      contention: [shared(3, ["src/ui/button.ts"])],
      seen: {
        points: 20,
        detail: "overlaps 1 other open PR: #3 (copilot): same file src/ui/button.ts",
        file: "src/ui/button.ts",
        evidence: [{ file: "src/ui/button.ts", what: "#3 (copilot): same file src/ui/button.ts" }],
      },
    },
  ])("$name", async ({ base, head, score, contention, seen }) => {
    expect(await signalSeen("contention", { base: base ?? {}, head }, score, undefined, contention)).toEqual(seen);
  });
});
