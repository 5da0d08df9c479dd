import { extendedConfigs } from "../../../src/analyse/conformance/config-extends.js";
import { openSide } from "../../../src/analyse/conformance/read-imports.js";
import { createMemoryChange } from "../../../src/gather/memory-change.js";

const base = JSON.stringify({ compilerOptions: { baseUrl: "..", paths: { "@domain/*": ["src/domain/*"] } } });
const tree = {
  "configs/base.tsconfig.json": base,
  "tsconfig.json": `{\n  // a comment, as tsconfigs have\n  "extends": "./configs/base.tsconfig.json",\n}\n`,
  "src/domain/user.ts": "export const user = 1;\n",
  "src/app/x.ts": 'import { user } from "@domain/user";\n',
};

describe("a tsconfig's extends", () => {
  it("regression: a shared base with any name (configs/base.tsconfig.json, as eclipse-theia has) is read, so no config is taken for broken and no review needs a conductor for it", async () => {
    const view = await openSide(createMemoryChange({ base: tree, head: tree }), "head");
    expect((await view.resolver())("src/app/x.ts", "@domain/user")).toEqual({
      kind: "file",
      path: "src/domain/user.ts",
    });
    expect(view.problems).toEqual([]);
  });

  it("is followed through several bases", async () => {
    const chain = {
      ...tree,
      "configs/base.tsconfig.json": JSON.stringify({ extends: "./paths" }),
      "configs/paths.json": base,
    };
    const view = await openSide(createMemoryChange({ base: chain, head: chain }), "head");
    expect((await view.resolver())("src/app/x.ts", "@domain/user")).toEqual({
      kind: "file",
      path: "src/domain/user.ts",
    });
    expect(view.problems).toEqual([]);
  });

  it.each([
    ["./configs/base.tsconfig.json", ["configs/base.tsconfig.json"]],
    [["./configs/base.tsconfig.json", "../outside.json"], ["configs/base.tsconfig.json"]],
    ["./configs/paths", ["configs/paths.json"]],
    ["@tsconfig/node20/tsconfig.json", []],
    ["./missing.json", []],
  ])("names %j as %j", (extendsValue, expected) => {
    const files = new Set(["configs/base.tsconfig.json", "configs/paths.json"]);
    expect(extendedConfigs("tsconfig.json", JSON.stringify({ extends: extendsValue }), files)).toEqual(expected);
  });
});
