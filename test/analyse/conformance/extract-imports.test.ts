import { extractImports } from "../../../src/analyse/conformance/extract-imports.js";

const specs = (path: string, text: string) =>
  extractImports(path, text).imports.map((i) => `${i.specifier}@${i.line}:${i.column}${i.typeOnly ? " type" : ""}`);

describe("extractImports", () => {
  it("reads every import form of SPEC §2 with its position", () => {
    const text = [
      `import a from "./a";`,
      `import type { B } from "./b";`,
      `import { type C } from "./c";`,
      `import { type D, e } from "./d";`,
      `import "./side-effect";`,
      `export * from "./e";`,
      `export type { F } from "./f";`,
      `import g = require("./g");`,
      `const h = await import("./h");`,
      "const i = require(`./i`);",
      `type J = typeof import("./j");`,
      `const dynamic = import(name); const notRequire = other("./x");`,
    ].join("\n");
    expect(specs("src/x.ts", text)).toEqual([
      "./a@1:15",
      "./b@2:24 type",
      "./c@3:24 type",
      "./d@4:27",
      "./side-effect@5:8",
      "./e@6:15",
      "./f@7:24 type",
      "./g@8:20",
      "./h@9:24",
      "./i@10:19",
      "./j@11:24 type",
    ]);
  });

  it("reads JavaScript, JSX and CommonJS files", () => {
    expect(specs("a.jsx", `import React from "react";\nexport const A = () => <div>{require("./b")}</div>;`)).toEqual([
      "react@1:19",
      "./b@2:38",
    ]);
    expect(specs("a.cjs", `const fs = require("node:fs");`)).toEqual(["node:fs@1:20"]);
  });

  it("still reads what it can from a file that does not parse, and says where it broke", () => {
    const result = extractImports("broken.ts", `import { a } from "./a";\nexport const = ;\nimport "./b";\n`);
    expect(result.imports.map((i) => i.specifier)).toEqual(["./a", "./b"]);
    expect(result.syntaxError?.line).toBe(2);
  });

  it("does not overflow the stack on deeply nested code", () => {
    const deep = `${"(".repeat(20000)}require("./deep")${")".repeat(20000)};`;
    expect(extractImports("deep.js", deep).imports.map((i) => i.specifier)).toContain("./deep");
  });
});
