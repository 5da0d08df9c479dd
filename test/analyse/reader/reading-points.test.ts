import { readingStrength, severityShare } from "../../../src/analyse/reader/reading-points.js";

const f = (severity: "low" | "medium" | "high") => ({ severity });

describe("the second reader's points", () => {
  it.each([
    { severity: "low", points: 5 },
    { severity: "medium", points: 10 },
    { severity: "high", points: 20 },
  ] as const)("a $severity finding is $points of the default 30", ({ severity, points }) => {
    expect(30 * severityShare(severity)).toBeCloseTo(points, 10);
    expect(30 * readingStrength([f(severity)])).toBeCloseTo(points, 10);
  });

  it.each([
    { name: "no finding adds nothing", findings: [], strength: 0 },
    { name: "a high and a low add up exactly to 25 of 30", findings: [f("high"), f("low")], strength: 5 / 6 },
    {
      name: "six low findings are exactly the whole cap",
      findings: Array.from({ length: 6 }, () => f("low")),
      strength: 1,
    },
    { name: "two high findings never pass the cap", findings: [f("high"), f("high")], strength: 1 },
  ])("$name", ({ findings, strength }) => {
    expect(readingStrength(findings)).toBe(strength);
  });
});
