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

  describe("at the base, where only the part of a file that holds its imports is parsed", () => {
    const atBase = (path: string, text: string) =>
      extractImports(path, text, { syntax: false }).imports.map(
        (i) => `${i.specifier}@${i.line}:${i.column}${i.typeOnly ? " type" : ""}`,
      );
    const body = Array.from({ length: 40 }, (_, i) => `export function f${i}() { return Array.from([${i}]); }`);

    it("finds every declaration, the last one far below the first, as the whole file's parse does", () => {
      const text = [
        `import a from "./a";`,
        `import type { B } from './b';`,
        ...body,
        `import {`,
        `  type C,`,
        `  type D,`,
        `} from`,
        `  "./cd";`,
        `const s = "from 'not-an-import'";`,
        `export * from /* the rest */ "./e";`,
        `export { f0 as g };`,
      ].join("\n");
      expect(atBase("src/x.ts", text)).toEqual(specs("src/x.ts", text));
      expect(atBase("src/x.ts", text)).toEqual(["./a@1:15", "./b@2:24 type", "./cd@47:3 type", "./e@49:30"]);
    });

    it("finds a last specifier behind a line comment, or with a line continuation in it", () => {
      const text = [`import a from "./a";`, ...body, `export { b } from // re-exported`, `  "./b";`, ...body].join(
        "\n",
      );
      expect(atBase("src/x.ts", text)).toEqual(["./a@1:15", "./b@43:3"]);
      const continued = [`import a from "./a";`, `import "./long\\`, `name";`, ...body].join("\n");
      expect(atBase("src/y.ts", continued)).toEqual(specs("src/y.ts", continued));
    });

    it("regression: comments after a keyword, one after another, are read in linear time (they once took hours)", () => {
      const text = `// taken from\n${"/** doc */\n".repeat(2_000)}export const x = 1;\n`;
      expect(atBase("src/x.ts", text)).toEqual([]);
      const keywords = `import a from "./a";\n/* ${"from /* ".repeat(20_000)} */\n`;
      expect(atBase("src/y.ts", keywords)).toEqual(["./a@1:15"]);
    });

    it("reads a file with a call form whole: a dynamic import deep in a function body is found", () => {
      const text = [`import a from "./a";`, ...body, `export const lazy = () => import("./lazy");`].join("\n");
      expect(atBase("src/x.ts", text)).toEqual(["./a@1:15", "./lazy@42:34"]);
    });

    it("says nothing of a syntax error below the imports, and finds none in a file without imports", () => {
      expect(extractImports("src/x.ts", `import a from "./a";\nconst = ;\n`, { syntax: false })).toEqual({
        imports: [{ specifier: "./a", line: 1, column: 15, typeOnly: false }],
      });
      expect(atBase("src/y.ts", body.join("\n"))).toEqual([]);
    });
  });
});
