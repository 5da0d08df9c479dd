import { readFileSync } from "node:fs";
import { scoreJsonSchema } from "../../src/score/score-json-schema.js";

/**
 * What `ignore` means is said once, in the score's JSON Schema (what an editor shows), and the README
 * and docs/score.md's `ignore` entry quote it word for word: a change to the meaning fails here until
 * all three say the same.
 */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const words = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

const schema = scoreJsonSchema() as { properties: { ignore: { description?: string } } };
const meaning = schema.properties.ignore.description ?? "";

function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no "${heading}" section`);
  const end = doc.slice(start + heading.length + 2).search(/\n#{2,3} /);
  return doc.slice(start, end < 0 ? undefined : start + heading.length + 2 + end);
}

describe("what `ignore` means, said once", () => {
  it("the JSON Schema says an ignored file is not a source, and importing one is still an edge", () => {
    expect(meaning).toMatch(/^Files never judged as a source/);
    expect(meaning).toContain("Importing one is still an edge");
  });

  it("the README's `What ignore means` quotes the JSON Schema's description", () => {
    expect(words(section(read("README.md"), "## What `ignore` means"))).toContain(words(meaning));
  });

  it("docs/score.md's `ignore` entry quotes the JSON Schema's description", () => {
    expect(words(section(read("docs/score.md"), "### `ignore`"))).toContain(words(meaning));
  });
});
