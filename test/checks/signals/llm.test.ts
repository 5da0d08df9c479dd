import type { ReadingFinding } from "../../../src/checks/risk-facts.js";
import { signalSeen, type SignalCase } from "./signal-seen.js";

const base = { "src/auth.ts": "export const ok = () => true;\n" };
const head = { "src/auth.ts": "export const ok = () => true;\nexport const skip = (token: string) => true;\n" };
const finding = (severity: ReadingFinding["severity"], line = 2, kind = "security"): ReadingFinding => ({
  kind,
  severity,
  file: "src/auth.ts",
  line,
  explanation: "accepts any token",
});

describe("llm: the second reader's verified findings", () => {
  it.each<SignalCase>([
    { name: "no reading (the rules alone) is quiet", base, head, seen: undefined },
    { name: "a reading with no finding is quiet", base, head, reading: { findings: [] }, seen: undefined },
    {
      name: "a high finding is two thirds of llm.max_points (20 of 30), at its line",
      base,
      head,
      reading: { findings: [finding("high")] },
      seen: {
        points: 20,
        detail: "1 verified finding of the second reader: src/auth.ts:2 (high security)",
        file: "src/auth.ts",
        line: 2,
        evidence: [{ file: "src/auth.ts", line: 2, what: "high security" }],
      },
    },
    {
      name: "low is a sixth and medium a third; the most severe is named first",
      base,
      head,
      reading: { findings: [finding("low", 1, "logic"), finding("medium")] },
      seen: {
        points: 15,
        detail: "2 verified findings of the second reader: src/auth.ts:2 (medium security), src/auth.ts:1 (low logic)",
        file: "src/auth.ts",
        line: 2,
        evidence: [
          { file: "src/auth.ts", line: 2, what: "medium security" },
          { file: "src/auth.ts", line: 1, what: "low logic" },
        ],
      },
    },
    {
      name: "findings together never pass the cap",
      base,
      head,
      reading: { findings: [finding("high"), finding("high", 1), finding("medium")] },
      seen: {
        points: 30,
        detail:
          "3 verified findings of the second reader: src/auth.ts:2 (high security), src/auth.ts:1 (high security), src/auth.ts:2 (medium security)",
        file: "src/auth.ts",
        line: 2,
        evidence: [
          { file: "src/auth.ts", line: 2, what: "high security" },
          { file: "src/auth.ts", line: 1, what: "high security" },
          { file: "src/auth.ts", line: 2, what: "medium security" },
        ],
      },
    },
    {
      name: "llm.max_points sets the cap",
      score: "version: 1\nllm: { max_points: 60 }\n",
      base,
      head,
      reading: { findings: [finding("high")] },
      seen: {
        points: 40,
        detail: "1 verified finding of the second reader: src/auth.ts:2 (high security)",
        file: "src/auth.ts",
        line: 2,
        evidence: [{ file: "src/auth.ts", line: 2, what: "high security" }],
      },
    },
    {
      name: "risk.weights.llm overrides llm.max_points",
      score: "version: 1\nllm: { max_points: 60 }\nrisk: { weights: { llm: 12 } }\n",
      base,
      head,
      reading: { findings: [finding("high")] },
      seen: {
        points: 8,
        detail: "1 verified finding of the second reader: src/auth.ts:2 (high security)",
        file: "src/auth.ts",
        line: 2,
        evidence: [{ file: "src/auth.ts", line: 2, what: "high security" }],
      },
    },
  ])("$name", async ({ base, head, reading, score, seen }) => {
    expect(await signalSeen("llm", { base: base ?? {}, head }, score, reading)).toEqual(seen);
  });
});
