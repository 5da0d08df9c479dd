import { parseCommands } from "../../src/commands/parse-commands.js";

describe("parseCommands", () => {
  it("finds one command per line, at the start of a line, in any case, among other text", () => {
    expect(
      parseCommands("LGTM\n/maestro approve looks right\n  /MAESTRO Explain Boundary\nthanks /maestro help"),
    ).toEqual([
      { kind: "approve", reason: "looks right" },
      { kind: "explain", topic: "boundary" },
    ]);
  });

  it("reads every verb (`/maestro` alone is help, counted once), and an unknown one as unknown", () => {
    expect(
      parseCommands(
        "/maestro re-review\n/maestro override  because   reasons \n/maestro help\n/maestro\n/maestro ship-it now",
      ),
    ).toEqual([
      { kind: "re-review" },
      { kind: "override", reason: "because reasons" },
      { kind: "help" },
      { kind: "unknown", text: "ship-it now" },
    ]);
  });

  it("ignores commands quoted or inside code blocks, and words that only start like one", () => {
    expect(parseCommands("> /maestro override quoted\n```\n/maestro approve\n```\n/maestroapprove\n")).toEqual([]);
  });

  it("regression: a command in an indented code block or an HTML comment is not one", () => {
    expect(
      parseCommands(
        "Example:\n\n    /maestro override indented code\n\t/maestro approve tabbed\n<!-- /maestro override hidden -->\n<!--\n/maestro approve hidden too\n-->\n<!-- never closed\n/maestro override",
      ),
    ).toEqual([]);
    expect(parseCommands("   /maestro approve three spaces is still a command <!-- with a hidden tail -->")).toEqual([
      { kind: "approve", reason: "three spaces is still a command" },
    ]);
  });

  it("regression: a comment of thousands of commands yields at most five, repeats counted once", () => {
    expect(parseCommands("/maestro help\n".repeat(5000))).toEqual([{ kind: "help" }]);
    const many = Array.from({ length: 50 }, (_, i) => `/maestro explain rule-${i}`).join("\n");
    expect(parseCommands(many)).toHaveLength(5);
  });
});
