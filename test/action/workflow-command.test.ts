import { workflowCommand } from "../../src/action/workflow-command.js";

describe("a workflow command, escaped as the runner reads it", () => {
  it("keeps a multi-line message in one command: %, CR and LF escaped, `:` and `,` left as they are", () => {
    expect(workflowCommand("error", {}, "100% sure:\r\nline two, and more")).toBe(
      "::error::100%25 sure:%0D%0Aline two, and more\n",
    );
  });

  it("escapes `:` and `,` in a property, which would otherwise end it, besides %, CR and LF", () => {
    expect(
      workflowCommand("warning", { file: "src/a,b:c%.ts", line: 3, col: 7, title: "Maestro: risk\nhigh" }, "m"),
    ).toBe("::warning file=src/a%2Cb%3Ac%25.ts,line=3,col=7,title=Maestro%3A risk%0Ahigh::m\n");
  });

  it("leaves out a property with no value", () => {
    expect(workflowCommand("notice", { file: "a.ts", line: undefined, title: "T" }, "m")).toBe(
      "::notice file=a.ts,title=T::m\n",
    );
  });
});
