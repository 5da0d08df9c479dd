import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A clone holds the README and docs/ and nothing else: every link between them must resolve, to a
 * file and to a heading, and none may point outside the repository (the team's private contract
 * once sat at ../shared, which users never have).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const pages = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (heading ?? "")
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Markdown links outside code: `[text](target)`. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");
}

describe("README.md and docs/ stand on their own", () => {
  it("the README links every page of docs/", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const page of pages.filter((p) => p !== "README.md")) expect(readme).toContain(`](${page})`);
  });

  it.each(pages)("every link in %s resolves, to a file and to a heading", (page) => {
    const text = readFileSync(join(root, page), "utf8");
    const broken: string[] = [];
    for (const link of linksOf(text)) {
      if (/^https?:\/\//.test(link)) continue;
      const [path = "", anchor] = link.split("#");
      const target = path ? join(dirname(join(root, page)), path) : join(root, page);
      if (relative(root, target).startsWith("..") || !existsSync(target)) {
        broken.push(`${link}: no such file in the repository`);
        continue;
      }
      if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(anchor))
        broken.push(`${link}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it.each(pages)("%s sends no one to ../shared or to a contract they do not have", (page) => {
    const text = readFileSync(join(root, page), "utf8");
    expect(text).not.toMatch(/\.\.\/shared|SPEC\.md|SPEC §/);
  });
});
